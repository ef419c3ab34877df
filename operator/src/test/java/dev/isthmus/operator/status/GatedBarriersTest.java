package dev.isthmus.operator.status;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.isthmus.api.result.RegressionGate;
import dev.isthmus.api.spec.RegressionSpec;
import dev.isthmus.operator.resource.SummaryRow;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Scheduled runs are gated on the value the spec's gate names, as {@code isthmus compare} is. */
class GatedBarriersTest {
    private static final List<SummaryRow> ROWS =
            List.of(
                    new SummaryRow("weight-matching", "linear", 3, 0.04, 0.02, 0.09, 1),
                    new SummaryRow("none", "linear", 3, 0.8, 0.7));

    @Test
    void theBarrierByDefaultAndTheIntervalsUpperEndOnUpperBound() {
        assertEquals(
                Arrays.asList(0.04, 0.8),
                StatusBuilder.gated(ROWS, new RegressionSpec(0.05, null)).stream()
                        .map(RegressionGate.Barrier::value)
                        .toList());
        RegressionSpec upper = new RegressionSpec(0.05, null, true);
        List<RegressionGate.Barrier> gated = StatusBuilder.gated(ROWS, upper);
        assertEquals(
                Arrays.asList(0.09, null),
                gated.stream().map(RegressionGate.Barrier::value).toList());
        assertEquals(
                List.of(
                        "weight-matching/linear: interval's upper end 0.0900 > maxLossBarrier"
                                + " 0.0500"),
                RegressionGate.reasons(RegressionGate.check(upper, gated, null)));
    }
}
