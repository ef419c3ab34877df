package dev.isthmus.workers.align;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

/** Test helpers: random matrices and the validity check every solver result must pass. */
final class LinearAssignmentChecks {
    private LinearAssignmentChecks() {}

    static double[] uniform(int rows, int cols, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] c = new double[rows * cols];
        for (int t = 0; t < c.length; t++) c[t] = rng.nextDouble();
        return c;
    }

    /** Integers in [0, bound): many ties when the bound is small. */
    static double[] integers(int rows, int cols, int bound, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] c = new double[rows * cols];
        for (int t = 0; t < c.length; t++) c[t] = rng.nextInt(bound);
        return c;
    }

    /**
     * Asserts scipy's output contract: min(rows, cols) pairs, rows ascending and distinct, columns
     * distinct, all in range, total the sum of the chosen entries.
     */
    static void assertValid(LinearAssignment.Result r, double[] cost, int rows, int cols) {
        int k = Math.min(rows, cols);
        assertEquals(k, r.rowInd().length, "rowInd length");
        assertEquals(k, r.colInd().length, "colInd length");
        boolean[] usedCol = new boolean[cols];
        double total = 0;
        for (int t = 0; t < k; t++) {
            int i = r.rowInd()[t];
            int j = r.colInd()[t];
            assertTrue(i >= 0 && i < rows, "row in range");
            assertTrue(j >= 0 && j < cols, "column in range");
            if (t > 0) assertTrue(r.rowInd()[t - 1] < i, "rowInd strictly ascending");
            assertTrue(!usedCol[j], "column " + j + " used twice");
            usedCol[j] = true;
            total += cost[i * cols + j];
        }
        assertEquals(total, r.total(), 0.0, "total is the sum of the chosen entries");
    }
}
