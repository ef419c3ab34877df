package dev.isthmus.workers.align;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The edge cases of scipy's {@code linear_sum_assignment} and its test file, one by one. */
class LinearAssignmentEdgeCaseTest {
    private static final double INF = Double.POSITIVE_INFINITY;

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"0,0", "2,0", "0,3"})
    void emptyMatrixGivesAnEmptyAssignment(int rows, int cols) {
        for (var r :
                List.of(
                        LinearAssignment.minimize(new double[0], rows, cols),
                        LinearAssignment.maximize(new double[0], rows, cols))) {
            assertEquals(0, r.rowInd().length);
            assertEquals(0, r.colInd().length);
            assertEquals(0.0, r.total());
        }
        assertEquals(0, LinearAssignment.minimizeSquare(new double[0], 0).length);
    }

    @Test
    void oneByOne() {
        var r = LinearAssignment.minimize(new double[] {5}, 1, 1);
        assertArrayEquals(new int[] {0}, r.rowInd());
        assertArrayEquals(new int[] {0}, r.colInd());
        assertEquals(5.0, r.total());
    }

    @Test
    void scipyDocumentationExample() {
        double[] c = {4, 1, 3, 2, 0, 5, 3, 2, 2};
        var r = LinearAssignment.minimize(c, 3, 3);
        assertArrayEquals(new int[] {0, 1, 2}, r.rowInd());
        assertArrayEquals(new int[] {1, 0, 2}, r.colInd());
        assertEquals(5.0, r.total());
    }

    /** scipy's {@code linear_sum_assignment_test_cases}: matrix, rows, cols, chosen entries. */
    static List<Arguments> scipySmallInputs() {
        return List.of(
                Arguments.of(
                        new double[] {400, 150, 400, 400, 450, 600, 300, 225, 300},
                        3,
                        3,
                        new double[] {150, 400, 300}),
                Arguments.of(
                        new double[] {400, 150, 400, 1, 400, 450, 600, 2, 300, 225, 300, 3},
                        3,
                        4,
                        new double[] {150, 2, 300}),
                Arguments.of(
                        new double[] {10, 10, 8, 9, 8, 1, 9, 7, 4}, 3, 3, new double[] {10, 1, 7}),
                Arguments.of(
                        new double[] {10, 10, 8, 11, 9, 8, 1, 1, 9, 7, 4, 10},
                        3,
                        4,
                        new double[] {10, 1, 4}),
                Arguments.of(
                        new double[] {10, INF, INF, INF, INF, 1, INF, 7, INF},
                        3,
                        3,
                        new double[] {10, 1, 7}));
    }

    @ParameterizedTest
    @MethodSource("scipySmallInputs")
    void scipySmallInputsMinimisedMaximisedAndTransposed(
            double[] cost, int rows, int cols, double[] expected) {
        for (int sign : new int[] {1, -1}) {
            double[] c = new double[cost.length];
            for (int t = 0; t < c.length; t++) c[t] = sign * cost[t];
            double[] want = new double[expected.length];
            for (int t = 0; t < want.length; t++) want[t] = sign * expected[t];

            var r = solve(c, rows, cols, sign < 0);
            assertArrayEquals(want, chosen(r, c, cols));

            double[] ct = transpose(c, rows, cols);
            var rt = solve(ct, cols, rows, sign < 0);
            double[] got = chosen(rt, ct, rows);
            Arrays.sort(got);
            Arrays.sort(want);
            assertArrayEquals(want, got);
        }
    }

    @Test
    void wideMatrixAssignsEveryRow() {
        var r = LinearAssignment.minimize(new double[] {3, 1, 2, 0}, 1, 4);
        assertArrayEquals(new int[] {0}, r.rowInd());
        assertArrayEquals(new int[] {3}, r.colInd());
    }

    @Test
    void tallMatrixAssignsEveryColumnWithRowsAscending() {
        var r = LinearAssignment.minimize(new double[] {3, 1, 2, 0}, 4, 1);
        assertArrayEquals(new int[] {3}, r.rowInd());
        assertArrayEquals(new int[] {0}, r.colInd());

        double[] c = {9, 1, 0, 9, 9, 0, 1, 9}; // 4x2: rows 2 and 1 are the cheap ones
        var t = LinearAssignment.minimize(c, 4, 2);
        assertArrayEquals(new int[] {1, 2}, t.rowInd());
        assertArrayEquals(new int[] {0, 1}, t.colInd());
        assertEquals(0.0, t.total());
    }

    @Test
    void constantMatrixGivesTheIdentity() {
        // scipy issue #11602
        double[] ones = new double[64];
        Arrays.fill(ones, 1);
        var r = LinearAssignment.minimize(ones, 8, 8);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7}, r.rowInd());
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7}, r.colInd());
        assertArrayEquals(
                new int[] {0, 1, 2, 3, 4, 5, 6, 7}, LinearAssignment.maximize(ones, 8, 8).colInd());
        for (int[] shape : new int[][] {{3, 5}, {5, 3}}) {
            var rect = LinearAssignment.minimize(new double[15], shape[0], shape[1]);
            assertArrayEquals(new int[] {0, 1, 2}, rect.rowInd());
            assertArrayEquals(new int[] {0, 1, 2}, rect.colInd());
        }
    }

    @Test
    void positiveInfinityIsAForbiddenPair() {
        var r = LinearAssignment.minimize(new double[] {1, INF, 2, 3}, 2, 2);
        assertArrayEquals(new int[] {0, 1}, r.colInd());
        assertEquals(4.0, r.total());
    }

    @Test
    void infiniteColumnIsInfeasible() {
        // scipy's test_linear_sum_assignment_input_inf: the identity with column 0 set to inf
        double[] c = {INF, 0, 0, INF, 1, 0, INF, 0, 1};
        assertInfeasible(() -> LinearAssignment.minimize(c, 3, 3));
    }

    @Test
    void infiniteRowIsInfeasible() {
        assertInfeasible(() -> LinearAssignment.minimize(new double[] {INF, INF, 2, 3}, 2, 2));
        assertInfeasible(
                () -> LinearAssignment.minimize(new double[] {INF, INF, INF, 2, 3, 1}, 2, 3));
        assertInfeasible(() -> LinearAssignment.minimize(new double[] {INF}, 1, 1));
    }

    @Test
    void infiniteColumnOfATallMatrixIsInfeasible() {
        assertInfeasible(
                () -> LinearAssignment.minimize(new double[] {INF, 1, INF, 2, INF, 3}, 3, 2));
    }

    @Test
    void infeasibleWithoutAnyInfiniteRowOrColumn() {
        // Rows 0 and 1 can only use column 1.
        double[] c = {INF, 1, INF, INF, 2, INF, 3, 4, 5};
        assertInfeasible(() -> LinearAssignment.minimize(c, 3, 3));
    }

    @Test
    void infiniteEntriesOutsideTheAssignmentOfARectangularMatrixAreFine() {
        double[] c = {INF, INF, 1, INF, INF, 2}; // 3x2
        var r = LinearAssignment.minimize(c, 3, 2);
        assertArrayEquals(new int[] {1, 2}, r.rowInd());
        assertArrayEquals(new int[] {0, 1}, r.colInd());
        assertEquals(3.0, r.total());
    }

    @Test
    void nanIsRejectedNamingRowAndColumn() {
        double[] c = {1, 0, 0, 0, 1, Double.NaN, 0, 0, 1};
        var e =
                assertThrows(
                        IllegalArgumentException.class, () -> LinearAssignment.minimize(c, 3, 3));
        assertEquals(
                "matrix contains invalid numeric entries: row 1, column 2 is NaN"
                        + " (minimize accepts finite values and +Infinity)",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LinearAssignment.maximize(c, 3, 3));
    }

    @Test
    void negativeInfinityIsRejectedWhenMinimising() {
        double[] c = {1, 0, 0, 0, Double.NEGATIVE_INFINITY, 0, 0, 0, 1};
        var e =
                assertThrows(
                        IllegalArgumentException.class, () -> LinearAssignment.minimize(c, 3, 3));
        assertEquals(
                "matrix contains invalid numeric entries: row 1, column 1 is -Infinity"
                        + " (minimize accepts finite values and +Infinity)",
                e.getMessage());
    }

    @Test
    void maximizeRejectsPositiveInfinityAndForbidsNegativeInfinity() {
        // scipy negates the matrix when maximising, so the roles of the infinities swap.
        var e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> LinearAssignment.maximize(new double[] {1, INF, 2, 3}, 2, 2));
        assertEquals(
                "matrix contains invalid numeric entries: row 0, column 1 is Infinity"
                        + " (maximize accepts finite values and -Infinity)",
                e.getMessage());

        var r = LinearAssignment.maximize(new double[] {1, -INF, 2, 3}, 2, 2);
        assertArrayEquals(new int[] {0, 1}, r.colInd());
        assertEquals(4.0, r.total());
        assertInfeasible(() -> LinearAssignment.maximize(new double[] {-INF, -INF, 2, 3}, 2, 2));
    }

    @Test
    void invalidEntriesOfATallMatrixAreNamedInTheCallersCoordinates() {
        double[] c = {0, 1, 2, 3, Double.NaN, 5}; // 3x2, NaN at row 2, column 0
        var e =
                assertThrows(
                        IllegalArgumentException.class, () -> LinearAssignment.minimize(c, 3, 2));
        assertEquals(
                "matrix contains invalid numeric entries: row 2, column 0 is NaN"
                        + " (minimize accepts finite values and +Infinity)",
                e.getMessage());
    }

    @Test
    void shapeMismatchesAreRejected() {
        var e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> LinearAssignment.minimize(new double[5], 2, 3));
        assertEquals("cost matrix: expected 2 × 3 = 6 entries, got 5", e.getMessage());
        var n =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> LinearAssignment.minimize(new double[0], -1, 0));
        assertEquals("cost matrix: expected non-negative dimensions, got -1 × 0", n.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> LinearAssignment.minimizeSquare(new double[8], 3));
    }

    @Test
    void theInputIsNotModified() {
        double[] c = LinearAssignmentChecks.uniform(5, 7, 3);
        double[] copy = c.clone();
        LinearAssignment.minimize(c, 5, 7);
        LinearAssignment.maximize(c, 5, 7);
        LinearAssignment.minimize(c, 7, 5);
        LinearAssignment.maximize(c, 7, 5);
        assertArrayEquals(copy, c);
        double[] s = LinearAssignmentChecks.uniform(6, 6, 3);
        double[] sCopy = s.clone();
        LinearAssignment.minimizeSquare(s, 6);
        LinearAssignment.maximizeSquare(s, 6);
        assertArrayEquals(sCopy, s);
    }

    private static void assertInfeasible(org.junit.jupiter.api.function.Executable call) {
        var e = assertThrows(IllegalArgumentException.class, call);
        assertEquals(
                "cost matrix is infeasible: every complete assignment uses an infinite entry",
                e.getMessage());
    }

    private static LinearAssignment.Result solve(double[] c, int rows, int cols, boolean maximize) {
        return maximize
                ? LinearAssignment.maximize(c, rows, cols)
                : LinearAssignment.minimize(c, rows, cols);
    }

    private static double[] chosen(LinearAssignment.Result r, double[] c, int cols) {
        double[] x = new double[r.rowInd().length];
        for (int t = 0; t < x.length; t++) x[t] = c[r.rowInd()[t] * cols + r.colInd()[t]];
        return x;
    }

    private static double[] transpose(double[] c, int rows, int cols) {
        double[] t = new double[c.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) t[j * rows + i] = c[i * cols + j];
        }
        return t;
    }
}
