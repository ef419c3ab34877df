package dev.isthmus.api.result;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isthmus.api.spec.RegressionSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The gate's verdicts, table style: what {@code isthmus compare} and the operator both apply. */
class RegressionGateTest {

    static List<RegressionGate.Barrier> rows(Object... keyValues) {
        List<RegressionGate.Barrier> rows = new ArrayList<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            String[] key = ((String) keyValues[i]).split("/");
            rows.add(new RegressionGate.Barrier(key[0], key[1], (Double) keyValues[i + 1]));
        }
        return rows;
    }

    static Map<String, Double> previous(Object... keyValues) {
        return RegressionGate.byKey(rows(keyValues));
    }

    static Stream<Arguments> cases() {
        RegressionSpec both = new RegressionSpec(0.1, 0.02);
        return Stream.of(
                Arguments.of("passes", both, rows("weight-matching/linear", 0.05), null, List.of()),
                Arguments.of(
                        "ceiling",
                        both,
                        rows("weight-matching/linear", 0.15),
                        null,
                        List.of("weight-matching/linear: barrier 0.1500 > maxLossBarrier 0.1000")),
                Arguments.of(
                        "unaligned rows are not gated when aligned ones exist",
                        both,
                        rows("none/linear", 3.0, "weight-matching/linear", 0.05),
                        null,
                        List.of()),
                Arguments.of(
                        "none is gated when it is the only alignment",
                        both,
                        rows("none/linear", 3.0),
                        null,
                        List.of("none/linear: barrier 3.0000 > maxLossBarrier 0.1000")),
                Arguments.of(
                        "growth since the previous run",
                        both,
                        rows("weight-matching/linear", 0.08),
                        previous("weight-matching/linear", 0.05),
                        List.of("weight-matching/linear: increase 0.0300 > maxIncrease 0.0200")),
                Arguments.of(
                        "a row new in this run has no growth",
                        both,
                        rows("weight-matching/bezier", 0.08),
                        previous("weight-matching/linear", 0.01),
                        List.of()),
                Arguments.of(
                        "NaN fails",
                        new RegressionSpec(0.1, null),
                        rows("weight-matching/linear", Double.NaN),
                        null,
                        List.of("weight-matching/linear: barrier NaN > maxLossBarrier 0.1000")),
                Arguments.of(
                        "a missing barrier fails like NaN",
                        new RegressionSpec(0.1, null),
                        rows("weight-matching/linear", null),
                        null,
                        List.of("weight-matching/linear: barrier NaN > maxLossBarrier 0.1000")),
                Arguments.of(
                        "no gate", null, rows("weight-matching/linear", 9.0), null, List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void verdict(
            String name,
            RegressionSpec gate,
            List<RegressionGate.Barrier> now,
            Map<String, Double> before,
            List<String> expected) {
        List<RegressionGate.Row> rows = RegressionGate.check(gate, now, before);
        assertEquals(expected, RegressionGate.reasons(rows));
        assertEquals(expected.isEmpty(), RegressionGate.passed(rows));
    }

    @Test
    void rowsCarryTheBeforeValueAndWhetherTheyAreGated() {
        List<RegressionGate.Row> rows =
                RegressionGate.check(
                        new RegressionSpec(0.1, 0.02),
                        rows("none/linear", 3.0, "weight-matching/linear", 0.05),
                        previous("weight-matching/linear", 0.04));
        assertFalse(rows.get(0).gated());
        assertEquals(null, rows.get(0).before());
        assertTrue(rows.get(1).gated());
        assertEquals(0.04, rows.get(1).before());
        assertEquals(0.05, rows.get(1).after());
    }

    @Test
    void barriersAreTheWorstPairsChordLossBarrier() {
        SummaryRow row =
                new SummaryRow(
                        "weight-matching",
                        "linear",
                        3,
                        Map.of("lin", new Spread(0.01, 0.03), "mean", new Spread(0.5, 0.9)),
                        Map.of());
        SummaryRow empty = new SummaryRow("none", "linear", 0, Map.of(), Map.of());
        Map<String, Double> expected = new LinkedHashMap<>();
        expected.put("weight-matching/linear", 0.03);
        expected.put("none/linear", null);
        assertEquals(expected, RegressionGate.byKey(RegressionGate.barriers(List.of(row, empty))));
    }

    @Test
    void onUpperBoundTheGateHoldsTheWorstPairsUpperEnd() {
        Map<String, Spread> lin = Map.of("lin", new Spread(0.01, 0.03));
        SummaryRow row =
                new SummaryRow(
                        "weight-matching",
                        "linear",
                        3,
                        lin,
                        Map.of(),
                        Map.of(
                                "lin",
                                new IntervalSpread(
                                        0.95, new Spread(0.0, 0.01), new Spread(0.04, 0.12))),
                        Map.of());
        SummaryRow without = new SummaryRow("activation-matching", "linear", 3, lin, Map.of());
        RegressionSpec upper = new RegressionSpec(0.1, null, true);
        List<RegressionGate.Barrier> gated = RegressionGate.barriers(List.of(row, without), upper);
        assertEquals(0.12, gated.get(0).value());
        assertEquals(null, gated.get(1).value());
        assertEquals(
                List.of(
                        "weight-matching/linear: interval's upper end 0.1200 > maxLossBarrier"
                                + " 0.1000",
                        "activation-matching/linear: interval's upper end NaN > maxLossBarrier"
                                + " 0.1000"),
                RegressionGate.reasons(RegressionGate.check(upper, gated, null)));
        // Off (the default), the same rows are held to the barriers themselves: both pass.
        RegressionSpec plain = new RegressionSpec(0.1, null);
        assertTrue(
                RegressionGate.passed(
                        RegressionGate.check(
                                plain,
                                RegressionGate.barriers(List.of(row, without), plain),
                                null)));
    }
}
