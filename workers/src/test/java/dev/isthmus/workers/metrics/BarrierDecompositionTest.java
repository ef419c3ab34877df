package dev.isthmus.workers.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import dev.isthmus.workers.data.Dataset;
import dev.isthmus.workers.data.SparseParity;
import dev.isthmus.workers.engine.Compute;
import dev.isthmus.workers.engine.DeviceBatches;
import dev.isthmus.workers.models.Mlp;
import dev.isthmus.workers.models.Params;
import dev.isthmus.workers.paths.LinearPath;
import dev.isthmus.workers.paths.PathEvaluator;
import dev.isthmus.workers.progress.Progress;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BarrierDecompositionTest {

    private static float[] random(SplittableRandom rng, int n, double scale) {
        float[] z = new float[n];
        for (int i = 0; i < n; i++) z[i] = (float) (rng.nextGaussian() * scale);
        return z;
    }

    @Test
    void identityHoldsToRoundingOnArbitraryLogitsAndJIsNeverNegative() {
        SplittableRandom rng = new SplittableRandom(3);
        int n = 2000;
        int k = 10;
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) labels[i] = rng.nextInt(k);
        double[] alphas = LinearPath.alphas(9);
        BarrierDecomposition dec =
                new BarrierDecomposition(
                        alphas, labels, k, random(rng, n * k, 8), random(rng, n * k, 8));
        for (int a = 0; a < alphas.length; a++) {
            // Feed in two batches, as the evaluator does.
            dec.accept(a, 0, random(rng, 700 * k, 12));
            dec.accept(a, 700, random(rng, 1300 * k, 12));
        }
        Decomposition d = dec.result();
        assertTrue(d.maxResidual() <= 1e-9, "residual " + d.maxResidual());
        for (int a = 0; a < alphas.length; a++) {
            assertTrue(d.meanJ()[a] >= 0, "J at " + alphas[a]);
            assertEquals(0, d.boundViolations()[a], "bounds at " + alphas[a]);
            assertEquals(d.meanGap()[a], d.meanD()[a] - d.meanJ()[a] - d.meanEy()[a], 1e-9);
        }
        assertEquals(0.0, d.meanJ()[0], 1e-12); // at the endpoints z_lin is the endpoint
        assertEquals(0.0, d.meanJ()[8], 1e-12);
    }

    @Test
    void attributionSharesAddUp() {
        SplittableRandom rng = new SplittableRandom(4);
        int n = 1000;
        int k = 5;
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) labels[i] = i % k;
        double[] alphas = LinearPath.alphas(3);
        float[] za = random(rng, n * k, 1);
        float[] zb = random(rng, n * k, 1);
        for (int i = 0; i < n; i++) { // confident, correct endpoints
            za[i * k + labels[i]] += 6;
            zb[i * k + labels[i]] += 6;
        }
        BarrierDecomposition dec = new BarrierDecomposition(alphas, labels, k, za, zb);
        dec.accept(0, 0, za);
        dec.accept(1, 0, random(rng, n * k, 3)); // a midpoint that lost the labels: a barrier
        dec.accept(2, 0, zb);
        Decomposition.Attribution at = dec.result().attribution();
        assertEquals(0.5, at.alpha());
        assertTrue(at.barrier() > 0);
        double top10 = at.topShares().get("top10");
        double top35 = at.topShares().get("top35");
        double top50 = at.topShares().get("top50");
        assertTrue(
                top10 > 0.10 && top10 < top35 && top35 < top50 && top50 <= 1.5,
                at.topShares().toString());
        double sum = 0;
        for (double c : at.perClass()) sum += c;
        assertEquals(at.barrier(), sum, 1e-12);
        assertEquals(20, at.dominating().size());
        String[] rows = dec.examplesCsv(0.5).split("\n");
        assertEquals("index,label,gap,D,J,E_y", rows[0]);
        double first = Double.parseDouble(rows[1 + at.dominating().get(0)].split(",")[2]);
        double second = Double.parseDouble(rows[1 + at.dominating().get(1)].split(",")[2]);
        assertTrue(first >= second);
        for (int r = 1; r <= n; r++) assertTrue(Double.parseDouble(rows[r].split(",")[2]) <= first);
    }

    @Test
    void forAModelLinearInItsParametersTheGapIsMinusJ() {
        Dataset data = SparseParity.generate(20, 3, 100, 1000, 2);
        Mlp linear = new Mlp(data.features(), List.of(), data.classes()); // logits = W x + b
        double[] alphas = LinearPath.alphas(5);
        try (NDManager m = Compute.manager(Device.cpu(), 1);
                DeviceBatches batches = new DeviceBatches(m, data.eval(), 300)) {
            Params a = Params.upload(m, linear.initialise(1));
            Params b = Params.upload(m, linear.initialise(2));
            float[] za = new float[1000 * 2];
            float[] zb = new float[1000 * 2];
            Evaluator.evaluate(
                    linear, a, batches, (o, z) -> System.arraycopy(z, 0, za, o * 2, z.length));
            Evaluator.evaluate(
                    linear, b, batches, (o, z) -> System.arraycopy(z, 0, zb, o * 2, z.length));
            BarrierDecomposition dec = new BarrierDecomposition(alphas, data.eval().y(), 2, za, zb);
            PathEvaluator.linear(linear, a, b, batches, 5, Progress.NONE, dec);
            Decomposition d = dec.result();
            for (int i = 0; i < alphas.length; i++) {
                assertTrue(d.maxAbsE()[i] < 1e-5, "E at " + alphas[i] + ": " + d.maxAbsE()[i]);
                assertEquals(-d.meanJ()[i], d.meanGap()[i], 1e-6);
            }
            assertTrue(
                    d.meanJ()[2] > 1e-3, "J should be visibly positive mid-path: " + d.meanJ()[2]);
        }
    }
}
