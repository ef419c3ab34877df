package dev.isthmus.workers.align;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link LinearAssignment.Solver}: each solve of a sequence starts from the previous optimum, and
 * must give the same optimal total as a cold solve of the same matrix, whether the matrix changed a
 * little (most rows keep their column), a lot (the cold fallback) or has ties and forbidden pairs.
 */
class LinearAssignmentWarmStartTest {

    @Test
    void slowlyChangingMatricesGiveTheColdOptimum() {
        for (int n : new int[] {64, 300}) {
            for (double step : new double[] {1e-4, 1e-2, 0.3}) {
                assertSequenceMatchesCold(LinearAssignmentAuctionTest.dominated(n, 16, n), n, step);
                assertSequenceMatchesCold(LinearAssignmentChecks.uniform(n, n, n), n, step);
            }
        }
    }

    @Test
    void unrelatedMatricesGiveTheColdOptimum() {
        int n = 200;
        var min = LinearAssignment.Solver.minimizing(n);
        var max = LinearAssignment.Solver.maximizing(n);
        for (long seed = 0; seed < 6; seed++) {
            double[] c =
                    seed % 2 == 0
                            ? LinearAssignmentChecks.uniform(n, n, seed)
                            : LinearAssignmentAuctionTest.dominated(n, 8, seed);
            assertEquals(LinearAssignment.minimize(c, n, n).total(), min.solve(c).total());
            assertEquals(LinearAssignment.maximize(c, n, n).total(), max.solve(c).total());
        }
    }

    @ParameterizedTest(name = "{0}x{0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7})
    void sequencesOfSmallMatricesMatchBruteForce(int n) {
        SplittableRandom rng = new SplittableRandom(n);
        var continuous = LinearAssignment.Solver.minimizing(n);
        var ties = LinearAssignment.Solver.maximizing(n);
        var forbidden = LinearAssignment.Solver.minimizing(n);
        double[] c = LinearAssignmentChecks.uniform(n, n, n);
        for (int step = 0; step < 40; step++) {
            for (int t = 0; t < c.length; t++) c[t] += 0.05 * rng.nextGaussian();
            var r = continuous.solve(c);
            LinearAssignmentChecks.assertValid(r, c, n, n);
            assertEquals(LinearAssignmentBruteForceTest.bruteForceMin(c, n, n), r.total(), 1e-12);

            double[] k = LinearAssignmentChecks.integers(n, n, 3, step);
            double[] negated = new double[k.length];
            for (int t = 0; t < k.length; t++) negated[t] = -k[t];
            var rk = ties.solve(k);
            LinearAssignmentChecks.assertValid(rk, k, n, n);
            double most = -LinearAssignmentBruteForceTest.bruteForceMin(negated, n, n);
            assertEquals(most, rk.total(), 0.0);

            double[] f = LinearAssignmentChecks.integers(n, n, 20, step);
            for (int t = 0; t < f.length; t++) {
                if (rng.nextInt(10) < 3) f[t] = Double.POSITIVE_INFINITY;
            }
            double best = LinearAssignmentBruteForceTest.bruteForceMin(f, n, n);
            if (best == Double.POSITIVE_INFINITY) {
                var e = assertThrows(IllegalArgumentException.class, () -> forbidden.solve(f));
                assertTrue(e.getMessage().startsWith("cost matrix is infeasible"));
            } else {
                assertEquals(best, forbidden.solve(f).total(), 0.0);
            }
        }
    }

    @Test
    void aFailedSolveLeavesTheStateAndResetStartsCold() {
        int n = 100;
        double[] a = LinearAssignmentAuctionTest.dominated(n, 8, 1);
        double[] b = perturbed(a, 1e-3, 2);
        var reference = LinearAssignment.Solver.maximizing(n);
        reference.solve(a);
        int[] afterA = reference.solve(b).colInd();

        var solver = LinearAssignment.Solver.maximizing(n);
        solver.solve(a);
        double[] bad = b.clone();
        bad[17] = Double.NaN;
        var e = assertThrows(IllegalArgumentException.class, () -> solver.solve(bad));
        assertEquals(
                "matrix contains invalid numeric entries: row 0, column 17 is NaN"
                        + " (maximize accepts finite values and -Infinity)",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> solver.solve(new double[n]));
        assertArrayEquals(afterA, solver.solve(b).colInd());

        solver.reset();
        assertArrayEquals(LinearAssignment.maximize(b, n, n).colInd(), solver.solve(b).colInd());
    }

    @Test
    void emptyAndTrivialSizes() {
        assertEquals(0, LinearAssignment.Solver.minimizing(0).solve(new double[0]).rowInd().length);
        var one = LinearAssignment.Solver.maximizing(1);
        assertEquals(3.0, one.solve(new double[] {3.0}).total());
        assertEquals(-2.0, one.solve(new double[] {-2.0}).total());
        assertThrows(IllegalArgumentException.class, () -> LinearAssignment.Solver.minimizing(-1));
    }

    /** Steps of a random walk from c, each solved warm and cold: the totals must be equal. */
    private static void assertSequenceMatchesCold(double[] c, int n, double step) {
        var min = LinearAssignment.Solver.minimizing(n);
        var max = LinearAssignment.Solver.maximizing(n);
        double[] x = c.clone();
        for (int k = 0; k < 8; k++) {
            x = perturbed(x, step, k);
            var warm = min.solve(x);
            LinearAssignmentChecks.assertValid(warm, x, n, n);
            assertEquals(LinearAssignment.minimize(x, n, n).total(), warm.total(), "step " + k);
            var warmMax = max.solve(x);
            LinearAssignmentChecks.assertValid(warmMax, x, n, n);
            assertEquals(LinearAssignment.maximize(x, n, n).total(), warmMax.total(), "step " + k);
        }
    }

    /** c plus Gaussian noise of standard deviation {@code scale} times c's largest entry. */
    private static double[] perturbed(double[] c, double scale, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double size = 0;
        for (double x : c) size = Math.max(size, Math.abs(x));
        double[] p = c.clone();
        for (int t = 0; t < p.length; t++) p[t] += scale * size * rng.nextGaussian();
        return p;
    }
}
