package dev.isthmus.workers.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.isthmus.workers.engine.Compute;
import org.junit.jupiter.api.Test;

class LinearCkaTest {

    @Test
    void aRepresentationWithItselfIsOneAndOrthogonalMapsAndScalingDoNotMatter() {
        try (NDManager m = Compute.manager(Device.cpu(), 1)) {
            m.getEngine().setRandomSeed(7);
            NDArray x = m.randomNormal(new Shape(400, 30)).toType(DataType.FLOAT64, false);
            assertEquals(1.0, LinearCka.of(x, x), 1e-12);
            // A random orthogonal matrix: Q from the QR-like Gram–Schmidt of a Gaussian matrix.
            NDArray q = orthogonal(m, 30);
            assertEquals(1.0, LinearCka.of(x, x.matMul(q).mul(3.5)), 1e-9);
            NDArray noise = m.randomNormal(new Shape(400, 30)).toType(DataType.FLOAT64, false);
            double unrelated = LinearCka.of(x, noise);
            assertTrue(unrelated < 0.2, "independent representations: " + unrelated);
            double partly = LinearCka.of(x, x.add(noise.mul(0.5)));
            assertTrue(partly > unrelated && partly < 1, "noisy copy: " + partly);
            assertEquals(LinearCka.of(x, noise), LinearCka.of(noise, x), 1e-12);
        }
    }

    private static NDArray orthogonal(NDManager m, int n) {
        double[][] v = new double[n][n];
        java.util.SplittableRandom rng = new java.util.SplittableRandom(1);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) v[i][j] = rng.nextGaussian();
            for (int k = 0; k < i; k++) {
                double dot = 0;
                for (int j = 0; j < n; j++) dot += v[i][j] * v[k][j];
                for (int j = 0; j < n; j++) v[i][j] -= dot * v[k][j];
            }
            double norm = 0;
            for (int j = 0; j < n; j++) norm += v[i][j] * v[i][j];
            norm = Math.sqrt(norm);
            for (int j = 0; j < n; j++) v[i][j] /= norm;
        }
        double[] flat = new double[n * n];
        for (int i = 0; i < n; i++) System.arraycopy(v[i], 0, flat, i * n, n);
        return m.create(flat, new Shape(n, n));
    }
}
