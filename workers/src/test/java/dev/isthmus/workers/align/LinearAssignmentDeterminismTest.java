package dev.isthmus.workers.align;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Equal inputs give equal assignments, also when the optimum is far from unique. */
class LinearAssignmentDeterminismTest {

    @Test
    void repeatedCallsOnTieHeavyMatricesAgree() {
        int[][] shapes = {{200, 200}, {120, 200}, {200, 120}};
        for (int[] shape : shapes) {
            int rows = shape[0];
            int cols = shape[1];
            double[] c = LinearAssignmentChecks.integers(rows, cols, 2, 7);
            var first = LinearAssignment.minimize(c, rows, cols);
            for (int run = 0; run < 3; run++) {
                var again = LinearAssignment.minimize(c.clone(), rows, cols);
                assertArrayEquals(first.rowInd(), again.rowInd());
                assertArrayEquals(first.colInd(), again.colInd());
                assertEquals(first.total(), again.total());
            }
        }
    }

    @Test
    void squareFastPathsAgreeWithTheGeneralEntryPoints() {
        double[] c = LinearAssignmentChecks.integers(150, 150, 3, 8);
        assertArrayEquals(
                LinearAssignment.minimize(c, 150, 150).colInd(),
                LinearAssignment.minimizeSquare(c, 150));
        assertArrayEquals(
                LinearAssignment.maximize(c, 150, 150).colInd(),
                LinearAssignment.maximizeSquare(c, 150));
    }
}
