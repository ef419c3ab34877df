package dev.isthmus.workers.align;

/**
 * Shortest augmenting path from one free row (Dijkstra on reduced costs), the augmentation phase of
 * Jonker and Volgenant (Computing 38, 1987) and of Crouse (IEEE TAES 52(4), 2016): grow distances
 * {@code d[j]} from the row, finalise the nearest column, continue from the row that owns it, until
 * the nearest column is unassigned; then flip the path and update the column duals.
 *
 * <p>Laid out for dense row-major costs: every scan walks one contiguous cost row. Finalised
 * columns hold NaN in {@code d}, which fails every comparison, so the scan needs no membership
 * test; scans stop at the outermost columns not yet finalised. Among columns at the least distance
 * an unassigned one is taken first (then the lowest index), which ends searches early on costs with
 * many ties. That choice is made inside the scan: equal distances are common even on continuous
 * costs (row reduction makes a row's two best columns tie), and a second pass over the row to look
 * for them cost a third of the search time.
 */
final class LinearAssignmentAugmenter {
    private final LinearAssignmentSolver s;
    private final double[] d; // (m) distance of each column from the free row; NaN once finalised
    private final int[] pred; // (m) row from which d[j] was reached
    private final int[] done; // finalised columns in order
    private final double[] doneAt; // their distances

    LinearAssignmentAugmenter(LinearAssignmentSolver solver) {
        this.s = solver;
        this.d = new double[solver.m];
        this.pred = new int[solver.m];
        this.done = new int[solver.m];
        this.doneAt = new double[solver.m];
    }

    /** Assigns the free row f, re-assigning rows along a shortest alternating path. */
    void augment(int f) {
        int[] rowOf = s.rowOf;
        int lo = 0;
        int hi = s.m; // columns not yet finalised lie in [lo, hi)
        int nearest = start(f);
        int count = 0;
        double mu;
        while (true) {
            mu = d[nearest];
            if (!(mu < Double.POSITIVE_INFINITY)) throw LinearAssignmentSolver.infeasible();
            if (rowOf[nearest] < 0) break;
            doneAt[count] = mu;
            done[count++] = nearest;
            d[nearest] = Double.NaN;
            while (lo < hi && Double.isNaN(d[lo])) lo++;
            while (hi > lo && Double.isNaN(d[hi - 1])) hi--;
            nearest = scan(rowOf[nearest], nearest, mu, lo, hi);
        }
        flip(f, nearest);
        double[] v = s.v;
        for (int t = 0; t < count; t++) v[done[t]] += doneAt[t] - mu;
    }

    /** Distances from row f itself; returns the nearest column. */
    private int start(int f) {
        double[] c = s.cost;
        double[] v = s.v;
        int[] rowOf = s.rowOf;
        int m = s.m;
        int base = f * m;
        double min = Double.POSITIVE_INFINITY;
        int nearest = 0;
        boolean free = false; // whether nearest is unassigned
        for (int j = 0; j < m; j++) {
            double x = c[base + j] - v[j];
            d[j] = x;
            pred[j] = f;
            if (x <= min) {
                if (x < min) {
                    min = x;
                    nearest = j;
                    free = rowOf[j] < 0;
                } else if (!free && rowOf[j] < 0) {
                    nearest = j;
                    free = true;
                }
            }
        }
        return nearest;
    }

    /**
     * Relaxes the columns in [lo, hi) through row i, reached at distance mu via its own column;
     * returns the nearest column not yet finalised.
     */
    private int scan(int i, int own, double mu, int lo, int hi) {
        double[] c = s.cost;
        double[] v = s.v;
        double[] d = this.d;
        int[] pred = this.pred;
        int[] rowOf = s.rowOf;
        int base = i * s.m;
        double h = c[base + own] - v[own] - mu; // row i's dual minus mu
        double min = Double.POSITIVE_INFINITY;
        int nearest = lo;
        boolean free = false; // whether nearest is unassigned
        for (int j = lo; j < hi; j++) {
            double x = c[base + j] - v[j] - h;
            double dj = d[j];
            if (x < dj) {
                d[j] = x;
                pred[j] = i;
                dj = x;
            }
            if (dj <= min) {
                if (dj < min) {
                    min = dj;
                    nearest = j;
                    free = rowOf[j] < 0;
                } else if (!free && rowOf[j] < 0) {
                    nearest = j;
                    free = true;
                }
            }
        }
        return nearest;
    }

    /** Gives column {@code sink} to its predecessor row, that row's old column to its own, … */
    private void flip(int f, int sink) {
        int j = sink;
        while (true) {
            int i = pred[j];
            int previous = s.colOf[i];
            s.assign(i, j);
            if (i == f) return;
            j = previous;
        }
    }
}
