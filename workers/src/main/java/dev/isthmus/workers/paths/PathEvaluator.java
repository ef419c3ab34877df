package dev.isthmus.workers.paths;

import ai.djl.ndarray.NDScope;
import dev.isthmus.workers.engine.DeviceBatches;
import dev.isthmus.workers.metrics.BarrierDecomposition;
import dev.isthmus.workers.metrics.Evaluator;
import dev.isthmus.workers.metrics.ExampleLosses;
import dev.isthmus.workers.metrics.LossAccuracy;
import dev.isthmus.workers.models.Model;
import dev.isthmus.workers.models.Params;
import dev.isthmus.workers.progress.Progress;
import java.util.Locale;
import java.util.function.DoubleFunction;

/** Walks the linear path one α at a time and evaluates the network at each point. */
public final class PathEvaluator {
    private PathEvaluator() {}

    public static Curve linear(
            Model model, Params a, Params b, DeviceBatches data, int points, Progress progress) {
        return linear(model, a, b, data, points, progress, null);
    }

    /**
     * As above; when {@code decomposition} is given it receives the logits at every alpha (and must
     * have been built with the endpoints' logits).
     */
    public static Curve linear(
            Model model,
            Params a,
            Params b,
            DeviceBatches data,
            int points,
            Progress progress,
            BarrierDecomposition decomposition) {
        return walk(
                model,
                alpha -> LinearPath.at(a, b, alpha),
                "linear path",
                data,
                points,
                progress,
                decomposition);
    }

    /** Evaluates any path, given as the parameters at each alpha, on the alpha grid. */
    public static Curve walk(
            Model model,
            DoubleFunction<Params> path,
            String label,
            DeviceBatches data,
            int points,
            Progress progress,
            BarrierDecomposition decomposition) {
        return walk(model, path, label, data, points, progress, decomposition, null);
    }

    /**
     * As above; when {@code examples} is given it receives every example's loss and correctness at
     * every alpha (for the bootstrap intervals).
     */
    public static Curve walk(
            Model model,
            DoubleFunction<Params> path,
            String label,
            DeviceBatches data,
            int points,
            Progress progress,
            BarrierDecomposition decomposition,
            ExampleLosses examples) {
        double[] alphas = LinearPath.alphas(points);
        double[] loss = new double[points];
        double[] acc = new double[points];
        progress.start(label, points);
        for (int i = 0; i < points; i++) {
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                Params p = path.apply(alphas[i]);
                int at = i;
                LossAccuracy r =
                        Evaluator.evaluate(
                                model,
                                p,
                                data,
                                decomposition == null
                                        ? null
                                        : (offset, z) -> decomposition.accept(at, offset, z),
                                examples == null
                                        ? null
                                        : (offset, l, c) -> examples.accept(at, offset, l, c));
                loss[i] = r.loss();
                acc[i] = r.accuracy();
            }
            progress.update(i + 1);
        }
        progress.finish(
                String.format(
                        Locale.ROOT,
                        "%d points, loss %.4f → max %.4f → %.4f",
                        points,
                        loss[0],
                        max(loss),
                        loss[points - 1]));
        return new Curve(alphas, loss, acc);
    }

    private static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : v) m = Math.max(m, x);
        return m;
    }
}
