package dev.isthmus.operator.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.isthmus.api.spec.RegressionSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The gate's verdicts, table style; the same semantics as the workers' {@code Comparison}. */
class RegressionGateTest {

    static Map<String, Double> rows(Object... keyValues) {
        Map<String, Double> rows = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            rows.put((String) keyValues[i], (Double) keyValues[i + 1]);
        }
        return rows;
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
                        rows("weight-matching/linear", 0.05),
                        List.of("weight-matching/linear: increase 0.0300 > maxIncrease 0.0200")),
                Arguments.of(
                        "a row new in this run has no growth",
                        both,
                        rows("weight-matching/bezier", 0.08),
                        rows("weight-matching/linear", 0.01),
                        List.of()),
                Arguments.of(
                        "NaN fails",
                        new RegressionSpec(0.1, null),
                        rows("weight-matching/linear", Double.NaN),
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
            Map<String, Double> now,
            Map<String, Double> before,
            List<String> expected) {
        assertEquals(expected, RegressionGate.failures(gate, now, before));
    }
}
