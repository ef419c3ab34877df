package dev.isthmus.workers.align;

import dev.isthmus.api.validation.BadInputException;
import java.util.Arrays;

/**
 * Column reduction and reduction transfer of Jonker and Volgenant (Computing 38, 1987) on a square
 * matrix: each column's dual becomes its minimum and the column goes to that row if the row is
 * still free; rows that got exactly one column then transfer their slack to it.
 *
 * <p>Constructing runs the reduction; {@link #transfer()} finishes it. In between, {@link
 * #dominatedByFewRows()} tells whether the reduction went badly, as it does on matrices where a few
 * rows are the cheapest for most columns.
 */
final class LinearAssignmentColumnReduction {
    private final LinearAssignmentSolver s;
    private final int[] matches; // (n) columns each row was the minimum of
    private final double[] minima; // (n) each column's minimum, before the transfer

    LinearAssignmentColumnReduction(LinearAssignmentSolver solver) {
        if (solver.n != solver.m) throw new BadInputException("reduction: square only");
        this.s = solver;
        int n = solver.n;
        int[] argmin = new int[n];
        double[] v = solver.v;
        Arrays.fill(v, Double.POSITIVE_INFINITY);
        for (int i = 0; i < n; i++) columnMinima(i, argmin);
        minima = v.clone();
        matches = new int[n];
        for (int j = 0; j < n; j++) {
            if (v[j] == Double.POSITIVE_INFINITY) throw LinearAssignmentSolver.infeasible();
            if (solver.cost[j * n + j] == v[j]) argmin[j] = j; // prefer the diagonal on ties
            int i = argmin[j];
            if (matches[i]++ == 0) solver.assign(i, j);
        }
    }

    /**
     * Whether more than half the rows got no column while few column minima are tied: a few rows
     * dominate, and the auction start pays off. (Independent uniform costs leave about 1/e of the
     * rows free; ties, as in small-integer costs, make augmenting paths short anyway.)
     */
    boolean dominatedByFewRows() {
        int n = s.n;
        int free = 0;
        for (int count : matches) if (count == 0) free++;
        return 2 * free > n && 8 * tiedColumns() < n;
    }

    /** Columns whose minimum more than one row attains. */
    private int tiedColumns() {
        double[] c = s.cost;
        int n = s.n;
        int[] hits = new int[n];
        for (int i = 0; i < n; i++) {
            int base = i * n;
            for (int j = 0; j < n; j++) hits[j] += c[base + j] == minima[j] ? 1 : 0;
        }
        int tied = 0;
        for (int h : hits) if (h > 1) tied++;
        return tied;
    }

    /** Applies the reduction transfer and returns the rows still free. */
    int[] transfer() {
        int n = s.n;
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
        double[] c = s.cost;
        double[] v = s.v;
        int m = s.m;
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
        double[] c = s.cost;
        double[] v = s.v;
        int m = s.m;
        int own = s.colOf[i];
        int base = i * m;
        double min = Double.POSITIVE_INFINITY;
        for (int j = 0; j < own; j++) min = Math.min(min, c[base + j] - v[j]);
        for (int j = own + 1; j < m; j++) min = Math.min(min, c[base + j] - v[j]);
        if (min < Double.POSITIVE_INFINITY) v[own] -= min;
    }
}
