package dev.isthmus.workers.align;

import dev.isthmus.api.validation.BadInputException;
import java.util.Arrays;

/**
 * Exact dense linear assignment with the contract of scipy's {@code linear_sum_assignment}: of an
 * n×m cost matrix it picks k = min(n, m) entries, at most one per row and per column, of least (or
 * greatest) total.
 *
 * <p>Costs are row-major {@code double[]}. Minimising, entries are finite or +∞ (a forbidden pair);
 * maximising, finite or −∞. NaN and the other infinity are rejected with the row and column named,
 * and so is a matrix where every choice of k pairs uses a forbidden one ("cost matrix is
 * infeasible"). An empty matrix gives an empty result; a tall one is solved transposed.
 *
 * <p>Ties: the solver runs on one thread and scans rows and columns in increasing index order,
 * taking the first of equal candidates, so the same matrix always gives the same assignment. Two
 * rules follow scipy's results: a column's minimum is taken at the diagonal row when that row
 * attains it (a constant matrix gives the identity, as in scipy), and during augmentation an
 * unassigned column goes before an assigned one at the same distance. On ties the optimum returned
 * may still differ from scipy's.
 *
 * <p>The algorithm is Jonker–Volgenant's, started from auction prices on matrices where a few rows
 * dominate; see {@link LinearAssignmentSolver}. For a run of similar square matrices, {@link
 * Solver} starts each solve from the previous optimum.
 */
public final class LinearAssignment {
    private LinearAssignment() {}

    /**
     * An optimal assignment: {@code rowInd} ascending, {@code colInd[k]} the column of {@code
     * rowInd[k]}, {@code total} the sum of those entries of the input matrix.
     */
    public record Result(int[] rowInd, int[] colInd, double total) {}

    /** The assignment of least total cost of a row-major {@code rows × cols} matrix. */
    public static Result minimize(double[] cost, int rows, int cols) {
        return solve(cost, rows, cols, false);
    }

    /** The assignment of greatest total of a row-major {@code rows × cols} matrix. */
    public static Result maximize(double[] cost, int rows, int cols) {
        return solve(cost, rows, cols, true);
    }

    /**
     * The column assigned to each row of a square row-major {@code n × n} matrix at least total
     * cost, without building a {@link Result}; the input is read, never copied.
     */
    public static int[] minimizeSquare(double[] cost, int n) {
        return solveSquare(cost, n, false);
    }

    /** The column assigned to each row of a square {@code n × n} matrix at greatest total. */
    public static int[] maximizeSquare(double[] cost, int n) {
        return solveSquare(cost, n, true);
    }

    /**
     * Solves square n×n problems one after another, each starting from the previous optimum: its
     * column duals and assignment. Rows whose previous column is still their cheapest against those
     * duals keep it and only the others are reassigned, so a matrix that changed little since the
     * last solve is nearly free. Weight matching keeps one per permutation group.
     *
     * <p>Results are optimal exactly as one-shot solves are; on ties the optimum returned may
     * differ from {@link #minimize}'s, and it depends on the previous solves (the same sequence of
     * matrices gives the same results). A solve that throws leaves the state unchanged. Not
     * thread-safe.
     */
    public static final class Solver {
        private final int n;
        private final boolean maximize;
        private double[] v; // column duals of the last optimum (of the minimised form), or null
        private int[] colOf; // its assignment

        private Solver(int n, boolean maximize) {
            if (n < 0) throw new BadInputException("solver: expected n ≥ 0, got " + n);
            this.n = n;
            this.maximize = maximize;
        }

        /** A solver of n×n problems of least total cost. */
        public static Solver minimizing(int n) {
            return new Solver(n, false);
        }

        /** A solver of n×n problems of greatest total. */
        public static Solver maximizing(int n) {
            return new Solver(n, true);
        }

        /** An optimal assignment of a row-major n×n matrix, warm-started from the last one. */
        public Result solve(double[] cost) {
            LinearAssignmentInput in = LinearAssignmentInput.of(cost, n, n, maximize);
            if (n == 0) return new Result(new int[0], new int[0], 0.0);
            LinearAssignmentSolver s = new LinearAssignmentSolver(in.cost(), n, n);
            int[] next = v == null ? s.solve() : s.solveFrom(v, colOf);
            v = s.v;
            colOf = next.clone();
            int[] rowInd = new int[n];
            for (int i = 0; i < n; i++) rowInd[i] = i;
            return new Result(rowInd, next, total(cost, rowInd, next, n));
        }

        /** Forgets the last optimum: the next solve starts cold. */
        public void reset() {
            v = null;
            colOf = null;
        }
    }

    private static int[] solveSquare(double[] cost, int n, boolean maximize) {
        LinearAssignmentInput in = LinearAssignmentInput.of(cost, n, n, maximize);
        if (n == 0) return new int[0];
        return new LinearAssignmentSolver(in.cost(), n, n).solve();
    }

    private static Result solve(double[] cost, int rows, int cols, boolean maximize) {
        LinearAssignmentInput in = LinearAssignmentInput.of(cost, rows, cols, maximize);
        int k = in.rows();
        if (k == 0) return new Result(new int[0], new int[0], 0.0);
        int[] colOf = new LinearAssignmentSolver(in.cost(), k, in.cols()).solve();
        int[] rowInd = new int[k];
        int[] colInd = new int[k];
        if (in.transposed()) {
            // Solved rows are the input's columns: list the pairs by input row instead.
            int[] colOfInputRow = new int[rows];
            Arrays.fill(colOfInputRow, -1);
            for (int j = 0; j < k; j++) colOfInputRow[colOf[j]] = j;
            int t = 0;
            for (int i = 0; i < rows; i++) {
                if (colOfInputRow[i] >= 0) {
                    rowInd[t] = i;
                    colInd[t++] = colOfInputRow[i];
                }
            }
        } else {
            for (int i = 0; i < k; i++) rowInd[i] = i;
            System.arraycopy(colOf, 0, colInd, 0, k);
        }
        return new Result(rowInd, colInd, total(cost, rowInd, colInd, cols));
    }

    private static double total(double[] cost, int[] rowInd, int[] colInd, int cols) {
        double total = 0;
        for (int t = 0; t < rowInd.length; t++) total += cost[rowInd[t] * cols + colInd[t]];
        return total;
    }
}
