/** Checks for what gets installed: metric names that dashboards and alert rules query. */
package dev.isthmus.deploy;
