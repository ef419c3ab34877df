package dev.isthmus.workers.align;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Larger instances against a textbook O(n²m) Hungarian algorithm with potentials (Kuhn–Munkres as
 * usually taught, rows ≤ columns): the totals must agree to 1e-9 relative.
 */
class LinearAssignmentReferenceTest {

    @Test
    void uniformSquare300() {
        for (long seed = 0; seed < 5; seed++) {
            double[] c = LinearAssignmentChecks.uniform(300, 300, seed);
            assertAgrees(c, 300, 300);
        }
    }

    @Test
    void augmentationAloneSquare300() {
        double[] c = LinearAssignmentChecks.uniform(300, 300, 41);
        int[] colOf =
                new LinearAssignmentSolver(c, 300, 300).solve(LinearAssignmentSolver.Start.NONE);
        double total = 0;
        for (int i = 0; i < 300; i++) total += c[i * 300 + colOf[i]];
        double want = hungarian(c, 300, 300);
        assertEquals(want, total, 1e-9 * want);
    }

    @Test
    void integerTiesSquare300() {
        assertAgrees(LinearAssignmentChecks.integers(300, 300, 2, 11), 300, 300);
        assertAgrees(LinearAssignmentChecks.integers(300, 300, 5, 12), 300, 300);
        assertAgrees(LinearAssignmentChecks.integers(300, 300, 300, 13), 300, 300);
    }

    @Test
    void wideAndTall() {
        assertAgrees(LinearAssignmentChecks.uniform(200, 300, 21), 200, 300);
        assertAgrees(LinearAssignmentChecks.uniform(300, 200, 22), 300, 200);
        assertAgrees(LinearAssignmentChecks.integers(150, 300, 4, 23), 150, 300);
        assertAgrees(LinearAssignmentChecks.uniform(1, 300, 24), 1, 300);
    }

    @Test
    void structuredProductCosts() {
        // c[i][j] = (i+1)(j+1): every augmentation crosses most of the matrix.
        int n = 300;
        double[] c = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) c[i * n + j] = (i + 1.0) * (j + 1.0);
        }
        assertAgrees(c, n, n);
    }

    @Test
    void maximiseMatchesTheReferenceOnNegatedCosts() {
        double[] c = LinearAssignmentChecks.uniform(300, 300, 31);
        double[] negated = Arrays.stream(c).map(x -> -x).toArray();
        var max = LinearAssignment.maximize(c, 300, 300);
        LinearAssignmentChecks.assertValid(max, c, 300, 300);
        double want = -hungarian(negated, 300, 300);
        assertEquals(want, max.total(), 1e-9 * Math.abs(want));
    }

    private static void assertAgrees(double[] c, int rows, int cols) {
        var r = LinearAssignment.minimize(c, rows, cols);
        LinearAssignmentChecks.assertValid(r, c, rows, cols);
        double want =
                rows <= cols
                        ? hungarian(c, rows, cols)
                        : hungarian(transpose(c, rows, cols), cols, rows);
        assertEquals(want, r.total(), 1e-9 * Math.max(1, Math.abs(want)));
    }

    /** Least total of an n×m matrix, n ≤ m, by the Hungarian algorithm with potentials. */
    static double hungarian(double[] a, int n, int m) {
        double[] u = new double[n + 1];
        double[] v = new double[m + 1];
        int[] p = new int[m + 1]; // row matched to column j (1-based), 0 if none
        int[] way = new int[m + 1];
        for (int i = 1; i <= n; i++) {
            p[0] = i;
            int j0 = 0;
            double[] minv = new double[m + 1];
            Arrays.fill(minv, Double.POSITIVE_INFINITY);
            boolean[] used = new boolean[m + 1];
            do {
                used[j0] = true;
                int i0 = p[j0];
                double delta = Double.POSITIVE_INFINITY;
                int j1 = 0;
                for (int j = 1; j <= m; j++) {
                    if (used[j]) continue;
                    double cur = a[(i0 - 1) * m + (j - 1)] - u[i0] - v[j];
                    if (cur < minv[j]) {
                        minv[j] = cur;
                        way[j] = j0;
                    }
                    if (minv[j] < delta) {
                        delta = minv[j];
                        j1 = j;
                    }
                }
                for (int j = 0; j <= m; j++) {
                    if (used[j]) {
                        u[p[j]] += delta;
                        v[j] -= delta;
                    } else {
                        minv[j] -= delta;
                    }
                }
                j0 = j1;
            } while (p[j0] != 0);
            do {
                int j1 = way[j0];
                p[j0] = p[j1];
                j0 = j1;
            } while (j0 != 0);
        }
        double total = 0;
        for (int j = 1; j <= m; j++) if (p[j] != 0) total += a[(p[j] - 1) * m + (j - 1)];
        return total;
    }

    private static double[] transpose(double[] c, int rows, int cols) {
        double[] t = new double[c.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) t[j * rows + i] = c[i * cols + j];
        }
        return t;
    }
}
