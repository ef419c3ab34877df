package dev.isthmus.workers.train;

/**
 * Training produced a non-finite loss. Deterministic for a given seed and recipe, so retrying
 * cannot help: the executor does not retry it.
 */
public final class TrainingDivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TrainingDivergedException(int epoch, int step, float loss) {
        super(
                "training diverged at epoch "
                        + epoch
                        + ", step "
                        + step
                        + " (loss is "
                        + loss
                        + "); lower spec.endpoints.train.learningRate");
    }
}
