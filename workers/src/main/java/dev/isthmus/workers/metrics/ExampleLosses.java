package dev.isthmus.workers.metrics;

/**
 * Every example's loss and correctness at every alpha of one path, as the evaluator brings them to
 * the host (the float32 losses whose float64 mean is the curve's loss), for {@link Bootstrap}.
 * Stored example-major, {@code [example][alpha]}, so one resample reads each example once.
 */
public final class ExampleLosses {
    private final int points;
    private final int examples;
    private final float[] loss;
    private final boolean[] correct;

    public ExampleLosses(int points, int examples) {
        this.points = points;
        this.examples = examples;
        this.loss = new float[Math.multiplyExact(points, examples)];
        this.correct = new boolean[loss.length];
    }

    /** Takes one batch at alpha index {@code a}: rows {@code [offset, offset + losses.length)}. */
    public synchronized void accept(int a, int offset, float[] losses, boolean[] hits) {
        for (int r = 0; r < losses.length; r++) {
            int at = (offset + r) * points + a;
            loss[at] = losses[r];
            correct[at] = hits[r];
        }
    }

    public int points() {
        return points;
    }

    public int examples() {
        return examples;
    }

    float loss(int example, int a) {
        return loss[example * points + a];
    }

    boolean correct(int example, int a) {
        return correct[example * points + a];
    }
}
