/**
 * Loading and checking sweep documents: {@link dev.isthmus.api.validation.SweepLoader} parses YAML
 * or JSON, reports every problem at once with its field path, and fills defaults.
 */
package dev.isthmus.api.validation;
