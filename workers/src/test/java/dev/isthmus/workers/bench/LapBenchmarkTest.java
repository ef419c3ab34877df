package dev.isthmus.workers.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isthmus.api.validation.BadInputException;
import dev.isthmus.workers.align.LinearAssignment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's matrices are what they claim, and its solver's totals are the optimum. */
class LapBenchmarkTest {

    @Test
    void adversarialCostsPairTheLargestRowWithTheSmallestColumn() {
        int n = 9;
        double expected = 0; // rearrangement inequality: row i takes column n - 1 - i
        for (int i = 0; i < n; i++) expected += (double) (i + 1) * (n - i);
        double[] c = LapBenchmark.Kind.ADVERSARIAL.matrix(n, 0);
        assertEquals(expected, LinearAssignment.minimize(c, n, n).total(), 0);
    }

    @Test
    void correlationCostsAreSolvedToTheBruteForceOptimum() {
        int n = 7;
        double[] c = LapBenchmark.Kind.CORRELATION.matrix(n, 3);
        double best = brute(c, n, new boolean[n], 0);
        assertEquals(best, LinearAssignment.minimize(c, n, n).total(), 1e-9 * Math.abs(best));
        // seeded: the same matrix again, another with another seed
        assertEquals(c[5], LapBenchmark.Kind.CORRELATION.matrix(n, 3)[5], 0);
        assertTrue(c[5] != LapBenchmark.Kind.CORRELATION.matrix(n, 4)[5]);
    }

    @Test
    void theReportNamesTheKindAndWritesTheMatrix(@TempDir Path dir) throws Exception {
        Map<String, Object> out =
                LapBenchmark.run(List.of(16), 1, 0, dir, LapBenchmark.Kind.ADVERSARIAL);
        assertEquals("adversarial", out.get("kind"));
        assertTrue(Files.size(dir.resolve("lap-adversarial-n16-seed0.bin")) == 16 * 16 * 8);
        assertTrue((Double) out.get("peakRssMiB") > 0, out.toString());
        BadInputException e =
                assertThrows(BadInputException.class, () -> LapBenchmark.Kind.of("hard"));
        assertEquals(
                "--kind: expected uniform, adversarial or correlation, got hard", e.getMessage());
    }

    private static double brute(double[] c, int n, boolean[] used, int row) {
        if (row == n) return 0;
        double best = Double.POSITIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            if (used[j]) continue;
            used[j] = true;
            best = Math.min(best, c[row * n + j] + brute(c, n, used, row + 1));
            used[j] = false;
        }
        return best;
    }
}
