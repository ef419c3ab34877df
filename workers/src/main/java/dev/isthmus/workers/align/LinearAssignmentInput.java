package dev.isthmus.workers.align;

import dev.isthmus.api.validation.BadInputException;
import java.util.Objects;

/**
 * A checked cost matrix laid out for {@link LinearAssignmentSolver}: row-major, no more rows than
 * columns, to be minimised. The caller's array is used as it is when it already has that form and
 * copied (transposed, negated) otherwise.
 *
 * @param cost (rows, cols) row-major
 * @param transposed whether the solver's rows are the input's columns
 */
record LinearAssignmentInput(double[] cost, int rows, int cols, boolean transposed) {
    private static final int BLOCK = 64;

    /** Checks the shape and entries of a {@code rows × cols} matrix and prepares it. */
    static LinearAssignmentInput of(double[] cost, int rows, int cols, boolean maximize) {
        Objects.requireNonNull(cost, "cost");
        if (rows < 0 || cols < 0) {
            throw new BadInputException(
                    "cost matrix: expected non-negative dimensions, got " + rows + " × " + cols);
        }
        if ((long) rows * cols != cost.length) {
            throw new BadInputException(
                    "cost matrix: expected "
                            + rows
                            + " × "
                            + cols
                            + " = "
                            + (long) rows * cols
                            + " entries, got "
                            + cost.length);
        }
        checkEntries(cost, cols, maximize);
        if (rows > cols) {
            double sign = maximize ? -1 : 1;
            return new LinearAssignmentInput(transpose(cost, rows, cols, sign), cols, rows, true);
        }
        if (!maximize) return new LinearAssignmentInput(cost, rows, cols, false);
        double[] negated = new double[cost.length];
        for (int t = 0; t < negated.length; t++) negated[t] = -cost[t];
        return new LinearAssignmentInput(negated, rows, cols, false);
    }

    /**
     * Rejects NaN and the infinity that cannot be a forbidden pair, like scipy: −∞ when minimising,
     * +∞ when maximising.
     */
    private static void checkEntries(double[] cost, int cols, boolean maximize) {
        int t = maximize ? firstNotBelowInfinity(cost) : firstNotAboveNegativeInfinity(cost);
        if (t < 0) return;
        throw new BadInputException(
                "matrix contains invalid numeric entries: row "
                        + t / cols
                        + ", column "
                        + t % cols
                        + " is "
                        + cost[t]
                        + (maximize
                                ? " (maximize accepts finite values and -Infinity)"
                                : " (minimize accepts finite values and +Infinity)"));
    }

    /** Index of the first entry that is not below +∞ (NaN included), or -1. */
    private static int firstNotBelowInfinity(double[] cost) {
        for (int t = 0; t < cost.length; t++) if (!(cost[t] < Double.POSITIVE_INFINITY)) return t;
        return -1;
    }

    /** Index of the first entry that is not above −∞ (NaN included), or -1. */
    private static int firstNotAboveNegativeInfinity(double[] cost) {
        for (int t = 0; t < cost.length; t++) if (!(cost[t] > Double.NEGATIVE_INFINITY)) return t;
        return -1;
    }

    /** {@code sign × cost} transposed to (cols, rows), in cache-sized blocks. */
    private static double[] transpose(double[] cost, int rows, int cols, double sign) {
        double[] t = new double[cost.length]; // (cols, rows)
        for (int i0 = 0; i0 < rows; i0 += BLOCK) {
            for (int j0 = 0; j0 < cols; j0 += BLOCK) {
                int i1 = Math.min(rows, i0 + BLOCK);
                int j1 = Math.min(cols, j0 + BLOCK);
                for (int i = i0; i < i1; i++) {
                    for (int j = j0; j < j1; j++) t[j * rows + i] = sign * cost[i * cols + j];
                }
            }
        }
        return t;
    }
}
