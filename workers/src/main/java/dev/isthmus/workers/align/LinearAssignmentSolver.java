package dev.isthmus.workers.align;

import dev.isthmus.api.validation.BadInputException;
import java.util.Arrays;

/**
 * The Jonker–Volgenant algorithm on a row-major n×m matrix with n ≤ m and entries finite or +∞: R.
 * Jonker and A. Volgenant, "A shortest augmenting path algorithm for dense and sparse linear
 * assignment problems", Computing 38 (1987) 325–340.
 *
 * <p>Square matrices start with the paper's column reduction and reduction transfer; every matrix
 * then goes through {@link LinearAssignmentRowReduction augmenting row reduction} and, for the rows
 * still free, {@link LinearAssignmentAugmenter shortest augmenting paths}. Rectangular matrices
 * skip the column reduction and keep the column duals at most zero, zero on unassigned columns,
 * which makes the assignment optimal among those that use any n columns, as in D. F. Crouse, "On
 * implementing 2D rectangular assignment algorithms", IEEE Transactions on Aerospace and Electronic
 * Systems 52(4) (2016) 1679–1696, the algorithm of scipy's {@code linear_sum_assignment}.
 *
 * <p>Two other starts feed the same exact phases: {@link LinearAssignmentAuction auction} prices,
 * taken when the column reduction shows a few rows dominating the columns (more than half the rows
 * get no column, with few tied minima), and the duals of a previous optimum ({@link #solveFrom}).
 *
 * <p>Invariant between phases: for every assigned row i, its column {@code colOf[i]} minimises the
 * reduced cost {@code cost[i][j] - v[j]} over j (the row dual is that minimum).
 */
final class LinearAssignmentSolver {
    /** Smallest square size for which the auction start is considered. */
    static final int AUCTION_MIN_SIZE = 64;

    /** How the duals are initialised before augmenting row reduction and augmentation. */
    enum Start {
        /** Auction for square matrices dominated by a few rows, else the reductions. */
        AUTOMATIC,
        /** Jonker–Volgenant's column reduction (square) and augmenting row reduction. */
        REDUCTIONS,
        /** Auction prices for square matrices when it does not give up, else the reductions. */
        AUCTION,
        /** Zero duals, every row through shortest augmenting paths: slow, exact, for tests. */
        NONE
    }

    final double[] cost; // (n, m) row-major
    final int n;
    final int m;
    final double[] v; // (m) column duals
    final int[] colOf; // (n) column of each row, -1 if free
    final int[] rowOf; // (m) row of each column, -1 if free

    LinearAssignmentSolver(double[] cost, int n, int m) {
        if (n > m) {
            throw new BadInputException(
                    "solver: expected no more rows than columns, got " + n + " × " + m);
        }
        this.cost = cost;
        this.n = n;
        this.m = m;
        this.v = new double[m];
        this.colOf = new int[n];
        this.rowOf = new int[m];
        Arrays.fill(colOf, -1);
        Arrays.fill(rowOf, -1);
    }

    /** Solves and returns the column of each row. */
    int[] solve() {
        return solve(Start.AUTOMATIC);
    }

    /** Solves from the given start and returns the column of each row. */
    int[] solve(Start start) {
        if (start == Start.NONE) return augment(allRows());
        if (n != m) return augment(new LinearAssignmentRowReduction(this).run(allRows()));
        boolean auction = start == Start.AUCTION;
        LinearAssignmentColumnReduction reduction = null;
        if (start == Start.AUTOMATIC && n >= AUCTION_MIN_SIZE) {
            reduction = new LinearAssignmentColumnReduction(this);
            auction = reduction.dominatedByFewRows();
        }
        if (auction && new LinearAssignmentAuction(this).run()) return reduceAndAugment(allRows());
        if (reduction == null || auction) {
            clear();
            reduction = new LinearAssignmentColumnReduction(this);
        }
        return reduceAndAugment(reduction.transfer());
    }

    /**
     * Solves a square matrix starting from column duals {@code v0} (any finite values; best those
     * of an optimum of a similar matrix) and a {@code previous} assignment: rows whose previous
     * column still has their least reduced cost keep it, the others are reassigned. When fewer than
     * half the rows keep their column the matrix has changed too much to gain from this (measured
     * on weight matching's early sweeps), and it is solved as by {@link #solve()}.
     */
    int[] solveFrom(double[] v0, int[] previous) {
        if (n != m || v0.length != m || previous.length != n) {
            throw new BadInputException(
                    "solver: warm start needs a square matrix and matching duals");
        }
        for (double x : v0) {
            if (!Double.isFinite(x)) {
                throw new BadInputException("solver: duals must be finite");
            }
        }
        System.arraycopy(v0, 0, v, 0, m);
        int[] free = new int[n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            int j = previous[i];
            if (j >= 0 && rowOf[j] < 0 && isLeast(i, j)) assign(i, j);
            else free[count++] = i;
        }
        if (2 * (n - count) < n) {
            clear();
            return solve();
        }
        return reduceAndAugment(Arrays.copyOf(free, count));
    }

    void assign(int i, int j) {
        colOf[i] = j;
        rowOf[j] = i;
    }

    static BadInputException infeasible() {
        return new BadInputException(
                "cost matrix is infeasible: every complete assignment uses an infinite entry");
    }

    private void clear() {
        Arrays.fill(v, 0);
        Arrays.fill(colOf, -1);
        Arrays.fill(rowOf, -1);
    }

    private int[] reduceAndAugment(int[] free) {
        return augment(new LinearAssignmentRowReduction(this).run(free));
    }

    private int[] augment(int[] free) {
        LinearAssignmentAugmenter augmenter = new LinearAssignmentAugmenter(this);
        for (int row : free) augmenter.augment(row);
        return colOf;
    }

    private int[] allRows() {
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) rows[i] = i;
        return rows;
    }

    /** Whether column j has row i's least reduced cost, and a finite one. */
    private boolean isLeast(int i, int j) {
        double[] c = cost;
        int base = i * m;
        double h = c[base + j] - v[j];
        if (!(h < Double.POSITIVE_INFINITY)) return false;
        for (int k = 0; k < m; k++) if (c[base + k] - v[k] < h) return false;
        return true;
    }
}
