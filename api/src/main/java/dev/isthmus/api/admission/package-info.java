/**
 * Admission: from a sweep's spec alone, before any work, how many parameters, bytes and
 * floating-point operations it needs, and whether that fits the machine or pod that will run it.
 */
package dev.isthmus.api.admission;
