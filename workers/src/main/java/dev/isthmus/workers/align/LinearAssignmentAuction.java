package dev.isthmus.workers.align;

import dev.isthmus.api.validation.BadInputException;
import java.util.Arrays;

/**
 * Starting column duals from the auction algorithm with ε-scaling: D. P. Bertsekas, "The auction
 * algorithm: a distributed relaxation method for the assignment problem", Annals of Operations
 * Research 14 (1988) 105–123. Rows bid for the column of least reduced cost {@code cost[i][j] -
 * v[j]}, lowering its dual by their margin over the second best plus ε; each phase reassigns every
 * row with a smaller ε.
 *
 * <p>Why: where a few rows are the cheapest for most columns (weight-matching correlation matrices,
 * whose large-norm neurons dominate), Jonker–Volgenant's column reduction gives most rows no column
 * and each of them then needs a long augmenting path; the auction's prices after a few phases are
 * close enough to optimal duals that {@link LinearAssignmentRowReduction augmenting row reduction}
 * assigns nearly every row at once. Only the duals are kept, so optimality still rests on the exact
 * phases that follow.
 *
 * <p>Square matrices only (unassigned columns would break the rectangular optimality condition).
 * Gives up, leaving the solver to start over, on costs that are not all finite (or span more than
 * {@link #MAX_RANGE}), on a constant matrix, and after {@link #BIDS_PER_ROW} bids per row, which
 * bounds the time lost to price wars.
 */
final class LinearAssignmentAuction {
    /** ε of the first phase, as a fraction of the cost range. */
    static final double FIRST_EPSILON = 1.0 / 100;

    /** Each phase divides ε by this. */
    static final double SCALING = 6;

    static final int PHASES = 4;
    static final int BIDS_PER_ROW = 64;

    /** Larger ranges are left alone: prices falling by up to the range per bid could overflow. */
    static final double MAX_RANGE = 0x1p960;

    private final LinearAssignmentSolver s;

    LinearAssignmentAuction(LinearAssignmentSolver solver) {
        if (solver.n != solver.m) throw new BadInputException("auction: square only");
        this.s = solver;
    }

    /**
     * Sets the solver's column duals and leaves every row free; false (duals undefined) when the
     * auction gave up.
     */
    boolean run() {
        int n = s.n;
        double range = range();
        if (n < 2 || !(range > 0 && range < MAX_RANGE)) return false;
        int[] queue = new int[n]; // free rows, circular
        long budget = (long) BIDS_PER_ROW * n;
        Arrays.fill(s.v, 0);
        double eps = range * FIRST_EPSILON;
        for (int phase = 0; phase < PHASES; phase++, eps /= SCALING) {
            clearAssignment();
            for (int i = 0; i < n; i++) queue[i] = i;
            int head = 0;
            int waiting = n;
            while (waiting > 0) {
                if (budget-- == 0) return false;
                int i = queue[head];
                head = head + 1 == n ? 0 : head + 1;
                waiting--;
                int displaced = bid(i, eps);
                if (displaced >= 0) {
                    int tail = head + waiting;
                    queue[tail >= n ? tail - n : tail] = displaced;
                    waiting++;
                }
            }
        }
        clearAssignment();
        return true;
    }

    /**
     * Row i takes its best column at a price ε below indifference; returns the row it displaced.
     */
    private int bid(int i, double eps) {
        double[] c = s.cost;
        double[] v = s.v;
        int m = s.m;
        int base = i * m;
        double u1 = Double.POSITIVE_INFINITY;
        double u2 = Double.POSITIVE_INFINITY;
        int j1 = 0;
        for (int j = 0; j < m; j++) {
            double h = c[base + j] - v[j];
            if (h < u2) {
                if (h < u1) {
                    u2 = u1;
                    u1 = h;
                    j1 = j;
                } else {
                    u2 = h;
                }
            }
        }
        v[j1] -= (u2 - u1) + eps;
        int displaced = s.rowOf[j1];
        if (displaced >= 0) s.colOf[displaced] = -1;
        s.assign(i, j1);
        return displaced;
    }

    /** Largest minus least entry: +∞ if any entry is infinite. */
    private double range() {
        double[] c = s.cost;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double x : c) {
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
        }
        return hi - lo;
    }

    private void clearAssignment() {
        Arrays.fill(s.colOf, -1);
        Arrays.fill(s.rowOf, -1);
    }
}
