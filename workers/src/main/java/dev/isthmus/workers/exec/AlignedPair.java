package dev.isthmus.workers.exec;

import dev.isthmus.workers.io.Checkpoint;

/**
 * The two ends of a path: endpoint A, and endpoint B as an align task aligned it to A, both read
 * and checked against the sweep's model.
 *
 * @param a endpoint A
 * @param b endpoint B, aligned to A
 */
public record AlignedPair(Checkpoint a, Checkpoint b) {}
