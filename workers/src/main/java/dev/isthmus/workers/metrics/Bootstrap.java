package dev.isthmus.workers.metrics;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Bootstrap intervals of a curve's barriers (Efron and Tibshirani 1993, the percentile interval).
 * What is resampled is the evaluation set: each resample draws as many examples as it has, with
 * replacement, recomputes the mean loss and accuracy at every alpha from the per-example values,
 * and takes the barriers of that resampled curve — the max over alpha is taken per resample, so the
 * interval reflects where the peak falls as well as how high it is. The interval's ends are the (1
 * − level)/2 and (1 + level)/2 quantiles of the resampled barriers (linear interpolation between
 * order statistics). The endpoints and the path's weights are fixed: this is the uncertainty due to
 * the finite evaluation sample, not to training seeds.
 *
 * <p>The draws depend only on the seed and the number of examples, so every curve of a sweep is
 * resampled with the same example multisets (the intervals of naive and aligned curves are paired)
 * and the result is the same bytes in every run and execution mode.
 */
public final class Bootstrap {
    private Bootstrap() {}

    /** Intervals of the loss barriers and of the accuracy drops, in that order. */
    public record Result(BarrierIntervals loss, BarrierIntervals accuracy) {}

    public static Result intervals(
            double[] alphas, ExampleLosses x, int resamples, double level, long seed) {
        int n = x.examples();
        int points = x.points();
        SplittableRandom random = new SplittableRandom(seed);
        double[][] lossBarriers = new double[3][resamples];
        double[][] accBarriers = new double[3][resamples];
        int[] counts = new int[n];
        double[] loss = new double[points];
        double[] drop = new double[points];
        for (int r = 0; r < resamples; r++) {
            Arrays.fill(counts, 0);
            for (int k = 0; k < n; k++) counts[random.nextInt(n)]++;
            Arrays.fill(loss, 0);
            Arrays.fill(drop, 0);
            for (int i = 0; i < n; i++) { // in example order: the sums do not depend on threads
                int c = counts[i];
                if (c == 0) continue;
                for (int a = 0; a < points; a++) {
                    loss[a] += c * (double) x.loss(i, a);
                    if (x.correct(i, a)) drop[a] -= c;
                }
            }
            for (int a = 0; a < points; a++) {
                loss[a] /= n;
                drop[a] /= n;
            }
            store(lossBarriers, r, Barriers.of(alphas, loss));
            store(accBarriers, r, Barriers.of(alphas, drop));
        }
        return new Result(
                intervals(lossBarriers, resamples, level),
                intervals(accBarriers, resamples, level));
    }

    private static void store(double[][] into, int r, Barriers b) {
        into[0][r] = b.lin();
        into[1][r] = b.mean();
        into[2][r] = b.max();
    }

    private static BarrierIntervals intervals(double[][] replicates, int resamples, double level) {
        return new BarrierIntervals(
                level,
                resamples,
                percentile(replicates[0], level),
                percentile(replicates[1], level),
                percentile(replicates[2], level));
    }

    /** The central {@code level} percentile interval of {@code replicates} (sorted in place). */
    static BarrierIntervals.Interval percentile(double[] replicates, double level) {
        for (double v : replicates) {
            if (!Double.isFinite(v)) return new BarrierIntervals.Interval(Double.NaN, Double.NaN);
        }
        Arrays.sort(replicates);
        return new BarrierIntervals.Interval(
                quantile(replicates, (1 - level) / 2), quantile(replicates, (1 + level) / 2));
    }

    /** The q-quantile of sorted values, interpolating linearly between order statistics. */
    static double quantile(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
