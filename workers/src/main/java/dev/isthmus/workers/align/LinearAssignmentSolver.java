package dev.isthmus.workers.align;

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
 * <p>Invariant between phases: for every assigned row i, its column {@code colOf[i]} minimises the
 * reduced cost {@code cost[i][j] - v[j]} over j (the row dual is that minimum).
 */
final class LinearAssignmentSolver {
    final double[] cost; // (n, m) row-major
    final int n;
    final int m;
    final double[] v; // (m) column duals
    final int[] colOf; // (n) column of each row, -1 if free
    final int[] rowOf; // (m) row of each column, -1 if free

    LinearAssignmentSolver(double[] cost, int n, int m) {
        if (n > m) {
            throw new IllegalArgumentException(
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
        return solve(true);
    }

    /**
     * Solves and returns the column of each row; without {@code reduce} every row goes straight to
     * augmentation from zero duals, which is slower but exact too (the tests check both ways).
     */
    int[] solve(boolean reduce) {
        int[] free = reduce && n == m ? columnReduction() : allRows();
        if (reduce) free = new LinearAssignmentRowReduction(this).run(free);
        LinearAssignmentAugmenter augmenter = new LinearAssignmentAugmenter(this);
        for (int row : free) augmenter.augment(row);
        return colOf;
    }

    void assign(int i, int j) {
        colOf[i] = j;
        rowOf[j] = i;
    }

    static IllegalArgumentException infeasible() {
        return new IllegalArgumentException(
                "cost matrix is infeasible: every complete assignment uses an infinite entry");
    }

    private int[] allRows() {
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) rows[i] = i;
        return rows;
    }

    /**
     * Sets each column's dual to its minimum and gives the column to that row if the row is still
     * free; rows that got exactly one column transfer their slack to it. Returns the free rows.
     */
    private int[] columnReduction() {
        int[] argmin = new int[m];
        Arrays.fill(v, Double.POSITIVE_INFINITY);
        for (int i = 0; i < n; i++) columnMinima(i, argmin);
        int[] matches = new int[n];
        for (int j = 0; j < m; j++) {
            if (v[j] == Double.POSITIVE_INFINITY) throw infeasible();
            if (cost[j * m + j] == v[j]) argmin[j] = j; // prefer the diagonal on ties
            int i = argmin[j];
            if (matches[i]++ == 0) assign(i, j);
        }
        int[] free = new int[n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (matches[i] == 0) free[count++] = i;
            else if (matches[i] == 1) transferReduction(i);
        }
        return Arrays.copyOf(free, count);
    }

    /** Folds row i into the running column minima (row-wise, so the reads are contiguous). */
    private void columnMinima(int i, int[] argmin) {
        double[] c = cost;
        double[] v = this.v;
        int base = i * m;
        for (int j = 0; j < m; j++) {
            double x = c[base + j];
            if (x < v[j]) {
                v[j] = x;
                argmin[j] = i;
            }
        }
    }

    /**
     * Lowers the dual of row i's only column by the row's least reduced cost elsewhere, so the
     * column stays the row's minimum while becoming dearer for every other row.
     */
    private void transferReduction(int i) {
        double[] c = cost;
        double[] v = this.v;
        int own = colOf[i];
        int base = i * m;
        double min = Double.POSITIVE_INFINITY;
        for (int j = 0; j < own; j++) min = Math.min(min, c[base + j] - v[j]);
        for (int j = own + 1; j < m; j++) min = Math.min(min, c[base + j] - v[j]);
        if (min < Double.POSITIVE_INFINITY) v[own] -= min;
    }
}
