package dev.isthmus.workers.metrics;

import dev.isthmus.workers.engine.DeviceBatches;
import dev.isthmus.workers.models.Model;
import dev.isthmus.workers.models.Params;
import java.util.function.DoubleFunction;

/**
 * The cheap-ensemble use of mode connectivity (Garipov et al. 2018): the predictions of k evenly
 * spaced points on a path, both ends included, averaged as logits, beside the ensemble of the two
 * ends alone. A low-loss path between two modes holds networks that differ from both ends, so its
 * ensemble can beat the ends' own; a path over a barrier holds worse networks, which drag the
 * ensemble down.
 *
 * <p>Each point is evaluated as the path's curve evaluates it (same batches, same repair), so a
 * member's loss and accuracy at α = 0 and α = 1 are the curve's own. The logits come to the host as
 * float32 and are summed in float64 in example order; the ensemble's loss is the mean of −log
 * softmax(mean logits)[y] in float64, its accuracy counts arg max = label (the first of tied
 * maxima), so the result does not depend on the engine's reduction order.
 */
public final class PathEnsemble {
    private PathEnsemble() {}

    /**
     * What the ensemble measured.
     *
     * @param alphas the points, {@code i / (k − 1)}
     * @param memberLoss each point's own mean loss
     * @param memberAccuracy each point's own accuracy
     * @param loss the loss of the mean of the points' logits
     * @param accuracy the accuracy of the mean of the points' logits
     * @param endpointsLoss the loss of the mean of the two ends' logits
     * @param endpointsAccuracy the accuracy of the mean of the two ends' logits
     */
    public record Result(
            double[] alphas,
            double[] memberLoss,
            double[] memberAccuracy,
            double loss,
            double accuracy,
            double endpointsLoss,
            double endpointsAccuracy) {}

    /** Loss and accuracy of mean logits. */
    record Score(double loss, double accuracy) {}

    /** Evaluates {@code points} points of {@code path} and their ensembles. */
    public static Result measure(
            Model model,
            DoubleFunction<Params> path,
            DeviceBatches data,
            int[] labels,
            int classes,
            int points) {
        if (points < 2) throw new IllegalArgumentException("an ensemble needs 2 points or more");
        int n = labels.length;
        double[] alphas = new double[points];
        double[] memberLoss = new double[points];
        double[] memberAccuracy = new double[points];
        double[] all = new double[Math.multiplyExact(n, classes)];
        double[] ends = new double[all.length];
        for (int i = 0; i < points; i++) {
            alphas[i] = (double) i / (points - 1);
            boolean end = i == 0 || i == points - 1;
            LossAccuracy member =
                    Evaluator.evaluate(
                            model,
                            path.apply(alphas[i]),
                            data,
                            (offset, z) -> {
                                int base = offset * classes;
                                for (int j = 0; j < z.length; j++) {
                                    all[base + j] += z[j];
                                    if (end) ends[base + j] += z[j];
                                }
                            });
            memberLoss[i] = member.loss();
            memberAccuracy[i] = member.accuracy();
        }
        Score ensemble = score(all, points, labels, classes);
        Score endpoints = score(ends, 2, labels, classes);
        return new Result(
                alphas,
                memberLoss,
                memberAccuracy,
                ensemble.loss(),
                ensemble.accuracy(),
                endpoints.loss(),
                endpoints.accuracy());
    }

    /** The mean cross-entropy and accuracy of {@code sum / count}, row-major (n, classes). */
    static Score score(double[] sum, int count, int[] labels, int classes) {
        double loss = 0;
        long hits = 0;
        double[] row = new double[classes];
        for (int i = 0; i < labels.length; i++) {
            int best = 0;
            for (int c = 0; c < classes; c++) {
                row[c] = sum[i * classes + c] / count;
                if (row[c] > row[best]) best = c;
            }
            loss += BarrierDecomposition.lse(row) - row[labels[i]];
            if (best == labels[i]) hits++;
        }
        return new Score(loss / labels.length, (double) hits / labels.length);
    }
}
