package dev.isthmus.operator.gate;

import dev.isthmus.api.spec.RegressionSpec;
import dev.isthmus.operator.resource.SummaryRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Holds a finished scheduled run to {@code spec.regression}, with the semantics of {@code isthmus
 * compare} (the workers' {@code Comparison}): each row's worst-pair chord loss barrier, gated rows
 * are the aligned ones (or {@code none} when it is the only alignment), a ceiling on the barrier
 * and on its growth since the previous run. A NaN barrier fails both checks.
 */
public final class RegressionGate {

    private RegressionGate() {}

    /** Worst-pair barriers keyed {@code alignment/path}, in summary order. */
    public static Map<String, Double> barriers(List<SummaryRow> rows) {
        Map<String, Double> barriers = new LinkedHashMap<>();
        for (SummaryRow row : rows) {
            barriers.put(key(row.alignment(), row.path()), row.maxLossBarrier());
        }
        return barriers;
    }

    /**
     * Why the run fails the gate, one line per failed check; empty when it passes.
     *
     * @param previous the previous finished run's barriers (keyed alignment/path), or null
     */
    public static List<String> failures(
            RegressionSpec gate, Map<String, Double> current, Map<String, Double> previous) {
        List<String> failures = new ArrayList<>();
        if (gate == null) {
            return failures;
        }
        boolean onlyNone = current.keySet().stream().allMatch(k -> k.startsWith("none/"));
        for (Map.Entry<String, Double> row : current.entrySet()) {
            if (!onlyNone && row.getKey().startsWith("none/")) {
                continue;
            }
            double now = row.getValue() == null ? Double.NaN : row.getValue();
            if (gate.maxLossBarrier() != null && !(now <= gate.maxLossBarrier())) {
                failures.add(
                        String.format(
                                Locale.ROOT,
                                "%s: barrier %.4f > maxLossBarrier %.4f",
                                row.getKey(),
                                now,
                                gate.maxLossBarrier()));
            }
            Double then = previous == null ? null : previous.get(row.getKey());
            if (gate.maxIncrease() != null && then != null && !(now - then <= gate.maxIncrease())) {
                failures.add(
                        String.format(
                                Locale.ROOT,
                                "%s: increase %.4f > maxIncrease %.4f",
                                row.getKey(),
                                now - then,
                                gate.maxIncrease()));
            }
        }
        return failures;
    }

    public static String key(String alignment, String path) {
        return alignment + "/" + path;
    }
}
