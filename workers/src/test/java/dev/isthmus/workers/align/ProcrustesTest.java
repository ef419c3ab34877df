package dev.isthmus.workers.align;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The SVD reconstructs its input, and Procrustes recovers planted rotations exactly. */
class ProcrustesTest {

    @Test
    void svdReconstructsAndItsFactorsAreOrthogonalEvenWhenRankDeficient() {
        int n = 9;
        double[] a = TransformerSymmetryTest.gaussian(n * n, 1);
        for (int j = 0; j < n; j++) { // column 3 = column 1, column 7 = 0: rank 7
            a[j * n + 3] = a[j * n + 1];
            a[j * n + 7] = 0;
        }
        Svd svd = Svd.of(a, n);
        double[] back = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < n; k++) {
                    back[i * n + j] += svd.u()[i * n + k] * svd.s()[k] * svd.v()[j * n + k];
                }
            }
        }
        assertEquals(0, maxDiff(a, back), 1e-12);
        assertEquals(0, maxDiff(gram(svd.u(), n), identity(n)), 1e-12);
        assertEquals(0, maxDiff(gram(svd.v(), n), identity(n)), 1e-12);
    }

    @Test
    void recoversAPlantedRotation() {
        int n = 12;
        int k = 30;
        double[] q0 = Procrustes.orthogonal(TransformerSymmetryTest.gaussian(n * n, 2), n);
        double[] b = TransformerSymmetryTest.gaussian(n * k, 3); // (n, k)
        double[] a = times(q0, b, n, k); // A = Q0·B
        double[] m = crossTranspose(a, b, n, k); // A·Bᵀ = Q0·B·Bᵀ
        assertEquals(0, maxDiff(q0, Procrustes.orthogonal(m, n)), 1e-12);
    }

    @Test
    void recoversAPlantedRotationThatFixesTheOnesVector() {
        int d = 16;
        int k = 40;
        double[] q0 = Procrustes.fixingOnes(TransformerSymmetryTest.gaussian(d * d, 4), d);
        double[] ones = new double[d];
        java.util.Arrays.fill(ones, 1);
        assertEquals(0, maxDiff(times(q0, ones, d, 1), ones), 1e-12);
        double[] b = TransformerSymmetryTest.gaussian(d * k, 5);
        for (int j = 0; j < k; j++) { // columns orthogonal to 1, as in the folded stream
            double mean = 0;
            for (int i = 0; i < d; i++) mean += b[i * k + j] / d;
            for (int i = 0; i < d; i++) b[i * k + j] -= mean;
        }
        double[] m = crossTranspose(times(q0, b, d, k), b, d, k);
        double[] q = Procrustes.fixingOnes(m, d);
        assertEquals(0, maxDiff(q0, q), 1e-11);
        // Unrestricted Procrustes is free to move 1 here (M has no information about it).
        assertTrue(maxDiff(gram(q, d), identity(d)) < 1e-12);
    }

    @Test
    void aPermutationMatrixIsGitReBasinsTake() {
        double[] q = Procrustes.permutationMatrix(new int[] {2, 0, 1});
        double[] x = {10, 20, 30};
        assertEquals(0, maxDiff(new double[] {30, 10, 20}, times(q, x, 3, 1)), 0);
    }

    private static double[] times(double[] q, double[] b, int n, int k) {
        double[] out = new double[n * k];
        for (int i = 0; i < n; i++) {
            for (int l = 0; l < n; l++) {
                for (int j = 0; j < k; j++) out[i * k + j] += q[i * n + l] * b[l * k + j];
            }
        }
        return out;
    }

    private static double[] crossTranspose(double[] a, double[] b, int n, int k) {
        double[] m = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int l = 0; l < n; l++) {
                for (int j = 0; j < k; j++) m[i * n + l] += a[i * k + j] * b[l * k + j];
            }
        }
        return m;
    }

    private static double[] gram(double[] u, int n) { // Uᵀ·U
        double[] g = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < n; k++) g[i * n + j] += u[k * n + i] * u[k * n + j];
            }
        }
        return g;
    }

    private static double[] identity(int n) {
        double[] x = new double[n * n];
        for (int i = 0; i < n; i++) x[i * n + i] = 1;
        return x;
    }

    private static double maxDiff(double[] x, double[] y) {
        double m = 0;
        for (int i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i] - y[i]));
        return m;
    }
}
