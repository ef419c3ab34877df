package dev.isthmus.workers.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import dev.isthmus.api.validation.BadInputException;
import dev.isthmus.workers.engine.Compute;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code bench eval}: interleaved rounds, medians inside their ranges, and a bad repeat count. */
class EvalBenchmarkTest {

    @Test
    void medianAndEachRoundsRatioLieInsideTheirRanges() {
        try (NDManager m = Compute.manager(Device.cpu(), 1)) {
            Map<String, Object> r = EvalBenchmark.run(m, List.of(16), 3, 200, 100, 5);
            assertEquals(5, r.get("repeats"));
            within(r, "evalSeconds", "evalSecondsRange");
            within(r, "matmulSeconds", "matmulSecondsRange");
            within(r, "roundRatioMedian", "roundRatioRange");
            assertTrue((double) r.get("ratio") > 0, r.toString());

            var e =
                    assertThrows(
                            BadInputException.class,
                            () -> EvalBenchmark.run(m, List.of(16), 3, 200, 100, 0));
            assertEquals("--repeats: expected at least 1, got 0", e.getMessage());
        }
    }

    @Test
    void theMedianOfAnEvenCountIsTheUpperMiddle() {
        assertEquals(3.0, EvalBenchmark.median(new double[] {4, 1, 3, 2}));
        assertEquals(2.0, EvalBenchmark.median(new double[] {3, 1, 2}));
    }

    @SuppressWarnings("unchecked")
    private static void within(Map<String, Object> r, String median, String range) {
        double v = (double) r.get(median);
        List<Double> lohi = (List<Double>) r.get(range);
        assertTrue(lohi.get(0) <= v && v <= lohi.get(1), median + " " + v + " outside " + lohi);
        assertTrue(lohi.get(0) > 0, range + " " + lohi);
    }
}
