package dev.isthmus.workers.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isthmus.workers.paths.Curve;
import org.junit.jupiter.api.Test;

class BarriersTest {
    private static final double[] ALPHAS = {0, 0.25, 0.5, 0.75, 1};

    @Test
    void lossBarriersOfAHandMadeCurve() {
        // L_A = 1, L_B = 3, chord at 0.5 is 2; peak 4 at alpha 0.5.
        Curve c =
                new Curve(
                        ALPHAS,
                        new double[] {1, 2.5, 4, 3.2, 3},
                        new double[] {.9, .8, .5, .6, .7});
        Barriers b = Barriers.ofLoss(c);
        assertEquals(2.0, b.lin(), 1e-12); // 4 - 2
        assertEquals(2.0, b.mean(), 1e-12); // 4 - (1 + 3) / 2
        assertEquals(1.0, b.max(), 1e-12); // 4 - max(1, 3)
        assertEquals(0.5, b.argmaxAlpha());
    }

    @Test
    void chordBarrierFindsThePeakAboveTheChordNotTheHighestLoss() {
        // Loss rises linearly 0 -> 4 with a bump of 0.5 at alpha 0.25: the chord barrier is the
        // bump, while the mean barrier sees the endpoint B as the peak.
        Curve c = new Curve(ALPHAS, new double[] {0, 1.5, 2, 3, 4}, new double[] {1, 1, 1, 1, 1});
        Barriers b = Barriers.ofLoss(c);
        assertEquals(0.5, b.lin(), 1e-12);
        assertEquals(0.25, b.argmaxAlpha());
        assertEquals(2.0, b.mean(), 1e-12);
        assertEquals(0.0, b.max(), 1e-12);
    }

    @Test
    void accuracyBarriersAreDropsBelowTheReference() {
        Curve c =
                new Curve(ALPHAS, new double[] {0, 0, 0, 0, 0}, new double[] {.9, .8, .5, .6, .7});
        Barriers b = Barriers.ofAccuracy(c);
        assertEquals(0.3, b.lin(), 1e-12); // chord at 0.5 is 0.8, minimum 0.5
        assertEquals(0.3, b.mean(), 1e-12); // (0.9 + 0.7) / 2 - 0.5
        assertEquals(0.2, b.max(), 1e-12); // min(0.9, 0.7) - 0.5
    }

    @Test
    void aFlatCurveHasNoBarrier() {
        Curve c =
                new Curve(ALPHAS, new double[] {1, 1, 1, 1, 1}, new double[] {.5, .5, .5, .5, .5});
        assertEquals(new Barriers(0, 0, 0, 0), Barriers.ofLoss(c));
        assertEquals(new Barriers(0, 0, 0, 0), Barriers.ofAccuracy(c));
    }

    @Test
    void aNonFiniteLossAnywhereMakesEveryBarrierUndefined() {
        Curve nanMid =
                new Curve(
                        ALPHAS,
                        new double[] {1, 2, Double.NaN, 2, 1},
                        new double[] {1, 1, 1, 1, 1});
        Curve infEnd =
                new Curve(
                        ALPHAS,
                        new double[] {1, 2, 3, 2, Double.POSITIVE_INFINITY},
                        new double[] {1, 1, 1, 1, 1});
        for (Curve c : new Curve[] {nanMid, infEnd}) {
            Barriers b = Barriers.ofLoss(c);
            assertTrue(
                    Double.isNaN(b.lin()) && Double.isNaN(b.mean()) && Double.isNaN(b.max()),
                    b.toString());
            assertEquals(new Barriers(0, 0, 0, 0), Barriers.ofAccuracy(c));
        }
    }
}
