package dev.isthmus.workers.train;

/**
 * What one training epoch achieved.
 *
 * @param epoch 1-based epoch number
 * @param trainLoss mean minibatch loss over the epoch
 * @param trainAccuracy minibatch accuracy over the epoch
 * @param evalLoss loss on the evaluation split after the epoch
 * @param evalAccuracy accuracy on the evaluation split after the epoch
 */
public record EpochStats(
        int epoch, double trainLoss, double trainAccuracy, double evalLoss, double evalAccuracy) {}
