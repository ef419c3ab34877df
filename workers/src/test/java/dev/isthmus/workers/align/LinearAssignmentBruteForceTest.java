package dev.isthmus.workers.align;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shape up to 7×7 against brute force over all assignments (all injective maps from the
 * shorter side to the longer): the solver's total must equal the optimum, minimising and
 * maximising, on continuous costs, on small integers with many ties, and with forbidden pairs.
 */
class LinearAssignmentBruteForceTest {
    private static final int SEEDS = 25;

    static List<Arguments> shapes() {
        List<Arguments> shapes = new ArrayList<>();
        for (int rows = 1; rows <= 7; rows++) {
            for (int cols = 1; cols <= 7; cols++) shapes.add(Arguments.of(rows, cols));
        }
        return shapes;
    }

    @ParameterizedTest(name = "{0}x{1}")
    @MethodSource("shapes")
    void continuousCosts(int rows, int cols) {
        for (int seed = 0; seed < SEEDS; seed++) {
            double[] c = LinearAssignmentChecks.uniform(rows, cols, seed);
            check(c, rows, cols, 1e-12);
        }
    }

    @ParameterizedTest(name = "{0}x{1}")
    @MethodSource("shapes")
    void integerCostsWithManyTies(int rows, int cols) {
        for (int seed = 0; seed < SEEDS; seed++) {
            check(LinearAssignmentChecks.integers(rows, cols, 3, seed), rows, cols, 0);
            check(LinearAssignmentChecks.integers(rows, cols, 10, seed + 1000), rows, cols, 0);
        }
    }

    @ParameterizedTest(name = "{0}x{1}")
    @MethodSource("shapes")
    void forbiddenPairs(int rows, int cols) {
        for (int seed = 0; seed < SEEDS; seed++) {
            SplittableRandom rng = new SplittableRandom(seed);
            double[] c = LinearAssignmentChecks.integers(rows, cols, 20, seed);
            double[] negated = new double[c.length];
            for (int t = 0; t < c.length; t++) {
                if (rng.nextInt(10) < 4) c[t] = Double.POSITIVE_INFINITY;
                negated[t] = -c[t];
            }
            double best = bruteForceMin(c, rows, cols);
            if (best == Double.POSITIVE_INFINITY) {
                assertThrows(IllegalArgumentException.class, () -> augmentationOnly(c, rows, cols));
                var e =
                        assertThrows(
                                IllegalArgumentException.class,
                                () -> LinearAssignment.minimize(c, rows, cols));
                assertTrue(e.getMessage().startsWith("cost matrix is infeasible"));
                assertThrows(
                        IllegalArgumentException.class,
                        () -> LinearAssignment.maximize(negated, rows, cols));
            } else {
                var min = LinearAssignment.minimize(c, rows, cols);
                LinearAssignmentChecks.assertValid(min, c, rows, cols);
                assertEquals(best, min.total(), 0.0);
                assertEquals(best, augmentationOnly(c, rows, cols), 0.0);
                var max = LinearAssignment.maximize(negated, rows, cols);
                LinearAssignmentChecks.assertValid(max, negated, rows, cols);
                assertEquals(-best, max.total(), 0.0);
            }
        }
    }

    private static void check(double[] c, int rows, int cols, double relTol) {
        double best = bruteForceMin(c, rows, cols);
        assertEquals(
                best, augmentationOnly(c, rows, cols), relTol * Math.abs(best), "augmentation");
        var min = LinearAssignment.minimize(c, rows, cols);
        LinearAssignmentChecks.assertValid(min, c, rows, cols);
        assertEquals(best, min.total(), relTol * Math.abs(best), "minimum");

        double[] negated = new double[c.length];
        for (int t = 0; t < c.length; t++) negated[t] = -c[t];
        double worst = -bruteForceMin(negated, rows, cols);
        var max = LinearAssignment.maximize(c, rows, cols);
        LinearAssignmentChecks.assertValid(max, c, rows, cols);
        assertEquals(worst, max.total(), relTol * Math.abs(worst), "maximum");
    }

    /**
     * The total found when every row goes through shortest augmenting paths, skipping the
     * reductions (which alone solve most small random instances).
     */
    private static double augmentationOnly(double[] c, int rows, int cols) {
        var in = LinearAssignmentInput.of(c, rows, cols, false);
        int[] colOf =
                new LinearAssignmentSolver(in.cost(), in.rows(), in.cols())
                        .solve(LinearAssignmentSolver.Start.NONE);
        double total = 0;
        for (int i = 0; i < in.rows(); i++) total += in.cost()[i * in.cols() + colOf[i]];
        return total;
    }

    /** The least total over all injective maps from the shorter side into the longer one. */
    static double bruteForceMin(double[] c, int rows, int cols) {
        boolean byRow = rows <= cols;
        int k = Math.min(rows, cols);
        int wide = Math.max(rows, cols);
        return search(c, cols, byRow, 0, k, new boolean[wide], 0.0);
    }

    private static double search(
            double[] c, int cols, boolean byRow, int t, int k, boolean[] used, double sum) {
        if (t == k) return sum;
        double best = Double.POSITIVE_INFINITY;
        for (int u = 0; u < used.length; u++) {
            if (used[u]) continue;
            double x = byRow ? c[t * cols + u] : c[u * cols + t];
            used[u] = true;
            best = Math.min(best, search(c, cols, byRow, t + 1, k, used, sum + x));
            used[u] = false;
        }
        return best;
    }
}
