package dev.isthmus.workers.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Percentile bootstrap intervals of the barriers, on cases whose answer is known. */
class BootstrapTest {
    private static final double[] ALPHAS = {0, 0.5, 1};

    /** n examples with loss {@code lossAt(i, a)}, all correct except where {@code wrong}. */
    private static ExampleLosses examples(int n, double[][] loss, boolean[][] correct) {
        ExampleLosses x = new ExampleLosses(ALPHAS.length, n);
        for (int a = 0; a < ALPHAS.length; a++) {
            float[] l = new float[n];
            for (int i = 0; i < n; i++) l[i] = (float) loss[a][i];
            x.accept(a, 0, l, correct[a]);
        }
        return x;
    }

    @Test
    void identicalExamplesGiveZeroWidthIntervalsAtTheBarrier() {
        int n = 50;
        double[][] loss = new double[3][n];
        boolean[][] correct = new boolean[3][n];
        for (int i = 0; i < n; i++) {
            loss[0][i] = 0.25;
            loss[1][i] = 1.0;
            loss[2][i] = 0.75;
            correct[0][i] = true;
            correct[2][i] = true;
        }
        Bootstrap.Result r = Bootstrap.intervals(ALPHAS, examples(n, loss, correct), 200, 0.95, 7);
        // chord at 0.5 is 0.5: lin 0.5; mean 1 − 0.5 = 0.5; max 1 − 0.75 = 0.25
        assertEquals(new BarrierIntervals.Interval(0.5, 0.5), r.loss().lin());
        assertEquals(new BarrierIntervals.Interval(0.5, 0.5), r.loss().mean());
        assertEquals(new BarrierIntervals.Interval(0.25, 0.25), r.loss().max());
        // accuracy 1 → 0 → 1: a drop of 1 under every definition
        assertEquals(new BarrierIntervals.Interval(1, 1), r.accuracy().lin());
        assertEquals(200, r.loss().resamples());
        assertEquals(0.95, r.accuracy().level());
    }

    @Test
    void theSameSeedGivesTheSameIntervalsAndAnotherSeedOthers() {
        SplittableRandom random = new SplittableRandom(3);
        int n = 300;
        double[][] loss = new double[3][n];
        boolean[][] correct = new boolean[3][n];
        for (int i = 0; i < n; i++) {
            loss[1][i] = random.nextDouble() * 2;
            correct[1][i] = random.nextBoolean();
        }
        ExampleLosses x = examples(n, loss, correct);
        assertEquals(
                Bootstrap.intervals(ALPHAS, x, 300, 0.9, 11),
                Bootstrap.intervals(ALPHAS, x, 300, 0.9, 11));
        assertTrue(
                !Bootstrap.intervals(ALPHAS, x, 300, 0.9, 11)
                        .equals(Bootstrap.intervals(ALPHAS, x, 300, 0.9, 12)));
    }

    /**
     * A planted barrier: endpoint losses 0, midpoint losses drawn from an exponential of mean μ, so
     * the chord barrier's true value is μ. Over many evaluation sets, the 90 % interval should
     * cover μ about 90 % of the time (the percentile interval of a mean is close to exact at n =
     * 400).
     */
    @Test
    void coverageOfAPlantedBarrierIsNearTheLevel() {
        double mu = 0.3;
        int n = 400;
        int trials = 300;
        int covered = 0;
        SplittableRandom random = new SplittableRandom(2026);
        for (int t = 0; t < trials; t++) {
            double[][] loss = new double[3][n];
            boolean[][] correct = new boolean[3][n];
            for (int i = 0; i < n; i++) {
                loss[1][i] = -mu * Math.log(1 - random.nextDouble());
                Arrays.fill(correct[0], true);
            }
            Bootstrap.Result r =
                    Bootstrap.intervals(ALPHAS, examples(n, loss, correct), 400, 0.9, t);
            if (r.loss().lin().contains(mu)) covered++;
        }
        double coverage = (double) covered / trials;
        // binomial sd at 300 trials is 0.017; the percentile interval undercovers slightly
        assertTrue(coverage > 0.84 && coverage < 0.95, "coverage " + coverage);
    }

    @Test
    void aNonFiniteLossLeavesTheIntervalUndefined() {
        int n = 10;
        double[][] loss = new double[3][n];
        boolean[][] correct = new boolean[3][n];
        loss[1][4] = Double.POSITIVE_INFINITY;
        Bootstrap.Result r = Bootstrap.intervals(ALPHAS, examples(n, loss, correct), 100, 0.95, 0);
        assertTrue(Double.isNaN(r.loss().lin().lower()) && Double.isNaN(r.loss().lin().upper()));
    }

    @Test
    void quantilesInterpolateBetweenOrderStatistics() {
        double[] sorted = {0, 1, 2, 3, 4};
        assertEquals(0, Bootstrap.quantile(sorted, 0));
        assertEquals(4, Bootstrap.quantile(sorted, 1));
        assertEquals(2, Bootstrap.quantile(sorted, 0.5));
        assertEquals(0.1, Bootstrap.quantile(sorted, 0.025), 1e-12);
    }
}
