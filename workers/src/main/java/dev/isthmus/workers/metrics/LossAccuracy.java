package dev.isthmus.workers.metrics;

/**
 * Mean cross-entropy and accuracy of one network on an evaluation set.
 *
 * @param loss mean cross-entropy (nats)
 * @param accuracy fraction of examples whose arg-max logit is the label
 */
public record LossAccuracy(double loss, double accuracy) {}
