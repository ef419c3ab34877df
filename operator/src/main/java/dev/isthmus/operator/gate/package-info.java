/** The regression gate for scheduled runs, mirroring {@code isthmus compare}. */
package dev.isthmus.operator.gate;
