package dev.isthmus.workers.report;

import dev.isthmus.api.spec.RegressionSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Compares two runs row by row (alignment × path) on the worst pair's chord loss barrier, and
 * applies a regression gate to the newer run: gated rows are the aligned ones, or {@code none} when
 * a run has no other alignment.
 */
public final class Comparison {

    /**
     * One (alignment, path) row.
     *
     * @param before the older run's barrier, or null if it had no such row
     * @param after the newer run's barrier
     * @param gated whether the gate applies to this row
     * @param failures why the gate failed, empty when it passed
     */
    public record Row(
            String alignment,
            String path,
            Double before,
            double after,
            boolean gated,
            List<String> failures) {}

    private Comparison() {}

    public static List<Row> rows(Results before, Results after, RegressionSpec gate) {
        boolean onlyNone = after.summary().stream().allMatch(s -> s.alignment().equals("none"));
        List<Row> rows = new ArrayList<>();
        for (Results.SummaryRow s : after.summary()) {
            double now = worst(s);
            Double then = null;
            for (Results.SummaryRow old : before.summary()) {
                if (old.alignment().equals(s.alignment()) && old.path().equals(s.path())) {
                    then = worst(old);
                }
            }
            boolean gated = onlyNone || !s.alignment().equals("none");
            List<String> failures = new ArrayList<>();
            if (gated && gate != null) {
                if (gate.maxLossBarrier() != null && !(now <= gate.maxLossBarrier())) {
                    failures.add(
                            String.format(
                                    Locale.ROOT,
                                    "barrier %.4f > maxLossBarrier %.4f",
                                    now,
                                    gate.maxLossBarrier()));
                }
                if (gate.maxIncrease() != null
                        && then != null
                        && !(now - then <= gate.maxIncrease())) {
                    failures.add(
                            String.format(
                                    Locale.ROOT,
                                    "increase %.4f > maxIncrease %.4f",
                                    now - then,
                                    gate.maxIncrease()));
                }
            }
            rows.add(new Row(s.alignment(), s.path(), then, now, gated, failures));
        }
        return rows;
    }

    /** The worst pair's chord loss barrier of a summary row. */
    static double worst(Results.SummaryRow s) {
        return s.lossBarrier().get("lin").max();
    }

    public static boolean passed(List<Row> rows) {
        return rows.stream().allMatch(r -> r.failures().isEmpty());
    }
}
