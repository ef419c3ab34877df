/**
 * Merging k checkpoints of one architecture: bringing them into one permutation frame (none, weight
 * matching to the first, MergeMany), their weighted average, its statistics correction, and the
 * merged network's loss and accuracy beside its members' and the naive average's.
 */
package dev.isthmus.workers.merge;
