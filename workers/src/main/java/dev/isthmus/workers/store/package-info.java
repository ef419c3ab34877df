/** The run store: where a sweep's checkpoints, curves and results live, written atomically. */
package dev.isthmus.workers.store;
