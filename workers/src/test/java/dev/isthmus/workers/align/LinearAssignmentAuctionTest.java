package dev.isthmus.workers.align;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The auction start: forced on small matrices it must still give brute force's optimum (ties and
 * forbidden pairs included), on large ones the Hungarian reference's, and the automatic choice must
 * take it exactly on matrices dominated by a few rows.
 */
class LinearAssignmentAuctionTest {

    @ParameterizedTest(name = "{0}x{0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7})
    void forcedAuctionMatchesBruteForce(int n) {
        for (int seed = 0; seed < 25; seed++) {
            assertOptimal(LinearAssignmentChecks.uniform(n, n, seed), n);
            assertOptimal(dominated(n, 3, seed), n);
            assertOptimal(LinearAssignmentChecks.integers(n, n, 3, seed), n);
            double[] forbidden = LinearAssignmentChecks.integers(n, n, 20, seed);
            SplittableRandom rng = new SplittableRandom(seed);
            for (int t = 0; t < forbidden.length; t++) {
                if (rng.nextInt(10) < 3) forbidden[t] = Double.POSITIVE_INFINITY;
            }
            if (LinearAssignmentBruteForceTest.bruteForceMin(forbidden, n, n)
                    < Double.POSITIVE_INFINITY) {
                assertOptimal(forbidden, n);
            }
        }
    }

    @Test
    void forcedAuctionMatchesTheReferenceOnLargeMatrices() {
        int n = 300;
        assertEquals(reference(dominated(n, 16, 1), n), forced(dominated(n, 16, 1), n), 1e-9 * n);
        double[] uniform = LinearAssignmentChecks.uniform(n, n, 2);
        assertEquals(reference(uniform, n), forced(uniform, n), 1e-9 * n);
        double[] product = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) product[i * n + j] = (i + 1.0) * (j + 1.0);
        }
        double want = reference(product, n);
        assertEquals(want, forced(product, n), 1e-12 * want);
    }

    @Test
    void theAutomaticStartTakesTheAuctionWhenFewRowsDominate() {
        int n = 256;
        double[] dominated = dominated(n, 16, 3);
        assertTrue(columnReduction(dominated, n).dominatedByFewRows());
        var r = LinearAssignment.minimize(dominated, n, n);
        LinearAssignmentChecks.assertValid(r, dominated, n, n);
        assertEquals(reference(dominated, n), r.total(), 1e-9 * Math.abs(r.total()));
        int[] reductions =
                new LinearAssignmentSolver(dominated, n, n)
                        .solve(LinearAssignmentSolver.Start.REDUCTIONS);
        assertArrayEquals(reductions, r.colInd(), "the optimum is unique");

        assertFalse(
                columnReduction(LinearAssignmentChecks.uniform(n, n, 4), n).dominatedByFewRows());
        // Small integers: half the rows may get no column, but the minima tie.
        double[] ties = LinearAssignmentChecks.integers(n, n, 5, 5);
        assertFalse(columnReduction(ties, n).dominatedByFewRows());
    }

    @Test
    void theAuctionGivesUpOnInfiniteOrConstantCosts() {
        int n = 70;
        double[] c = LinearAssignmentChecks.uniform(n, n, 6);
        c[5 * n + 7] = Double.POSITIVE_INFINITY;
        assertFalse(new LinearAssignmentAuction(new LinearAssignmentSolver(c, n, n)).run());
        double[] constant = new double[n * n];
        java.util.Arrays.fill(constant, 2.5);
        assertFalse(new LinearAssignmentAuction(new LinearAssignmentSolver(constant, n, n)).run());
        // The solve falls back to the reductions: still optimal, and still the identity.
        assertEquals(reference(c, n), forced(c, n), 1e-9 * n);
        int[] identity = new int[n];
        for (int i = 0; i < n; i++) identity[i] = i;
        assertArrayEquals(
                identity,
                new LinearAssignmentSolver(constant, n, n)
                        .solve(LinearAssignmentSolver.Start.AUCTION));
    }

    /**
     * Costs −‖a_i‖ cos θ_ij: a few large-norm rows are the cheapest for most columns, as in the
     * correlation matrices of weight matching.
     */
    static double[] dominated(int n, int rank, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] a = new double[n][rank];
        double[][] b = new double[n][rank];
        for (int i = 0; i < n; i++) {
            double scale = 1 + i % 7;
            for (int k = 0; k < rank; k++) {
                a[i][k] = scale * rng.nextGaussian();
                b[i][k] = rng.nextGaussian();
            }
        }
        double[] c = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < rank; k++) s += a[i][k] * b[j][k];
                c[i * n + j] = -s;
            }
        }
        return c;
    }

    private static void assertOptimal(double[] c, int n) {
        assertEquals(LinearAssignmentBruteForceTest.bruteForceMin(c, n, n), forced(c, n), 1e-12);
    }

    private static double forced(double[] c, int n) {
        int[] colOf =
                new LinearAssignmentSolver(c, n, n).solve(LinearAssignmentSolver.Start.AUCTION);
        boolean[] used = new boolean[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            assertFalse(used[colOf[i]], "column used twice");
            used[colOf[i]] = true;
            total += c[i * n + colOf[i]];
        }
        return total;
    }

    private static double reference(double[] c, int n) {
        return LinearAssignmentReferenceTest.hungarian(c, n, n);
    }

    private static LinearAssignmentColumnReduction columnReduction(double[] c, int n) {
        return new LinearAssignmentColumnReduction(new LinearAssignmentSolver(c, n, n));
    }
}
