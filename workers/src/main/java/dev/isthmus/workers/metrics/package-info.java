/** Loss, accuracy and the barriers computed from curves along a path. */
package dev.isthmus.workers.metrics;
