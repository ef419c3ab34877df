package dev.isthmus.workers.align;

import java.util.Arrays;

/**
 * Augmenting row reduction of Jonker and Volgenant (Computing 38, 1987): a free row takes the
 * column of its least reduced cost and, when its second least is larger, lowers that column's dual
 * by the difference so it stays tight; a row it displaces continues at once. Cheap alternating
 * paths that leave few rows for {@link LinearAssignmentAugmenter}.
 *
 * <p>Two passes as in the paper. With floating point the displacement chain could run for a long
 * time on tiny decreases, so it is capped; a row left over simply goes to augmentation.
 */
final class LinearAssignmentRowReduction {
    private static final int PASSES = 2;
    private static final int CHAIN_STEPS_PER_ROW = 8;

    private final LinearAssignmentSolver s;
    private double second; // second least reduced cost of the last scanned row
    private int secondColumn; // its column, -1 if the row has one column

    LinearAssignmentRowReduction(LinearAssignmentSolver solver) {
        this.s = solver;
    }

    /** Runs the passes over the free rows and returns the rows still free. */
    int[] run(int[] free) {
        int count = free.length;
        long chainBudget = (long) CHAIN_STEPS_PER_ROW * s.n;
        for (int pass = 0; pass < PASSES && count > 0; pass++) {
            int k = 0;
            int previous = count;
            count = 0; // rows left for the next pass are written over the consumed ones
            while (k < previous) {
                int i = free[k++];
                int j1 = leastTwo(i);
                if (j1 < 0) throw LinearAssignmentSolver.infeasible(); // a row of +inf
                double least = s.cost[i * s.m + j1] - s.v[j1];
                int i0 = s.rowOf[j1];
                boolean lowered = least < second && second < Double.POSITIVE_INFINITY;
                if (lowered) {
                    s.v[j1] -= second - least;
                } else if (i0 >= 0 && second == least) {
                    j1 = secondColumn; // an equal column may be free
                    i0 = s.rowOf[j1];
                }
                if (i0 >= 0) s.colOf[i0] = -1;
                s.assign(i, j1);
                if (i0 >= 0) {
                    if (lowered && chainBudget-- > 0) free[--k] = i0;
                    else free[count++] = i0;
                }
            }
        }
        return Arrays.copyOf(free, count);
    }

    /** Returns the column of row i's least reduced cost (first on ties; -1 if all +inf). */
    private int leastTwo(int i) {
        double[] c = s.cost;
        double[] v = s.v;
        int m = s.m;
        int base = i * m;
        double u1 = Double.POSITIVE_INFINITY;
        double u2 = Double.POSITIVE_INFINITY;
        int j1 = -1;
        int j2 = -1;
        for (int j = 0; j < m; j++) {
            double h = c[base + j] - v[j];
            if (h < u2) {
                if (h >= u1) {
                    u2 = h;
                    j2 = j;
                } else {
                    u2 = u1;
                    j2 = j1;
                    u1 = h;
                    j1 = j;
                }
            }
        }
        second = u2;
        secondColumn = j2;
        return j1;
    }
}
