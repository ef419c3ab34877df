package dev.isthmus.api.result;

import dev.isthmus.api.spec.RegressionSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Holds a run to {@code spec.regression}, for {@code isthmus compare} and the operator's scheduled
 * runs alike: on each row's worst-pair chord loss barrier, gated rows are the aligned ones (or
 * {@code none} when a run has no other alignment), with a ceiling on the barrier and on its growth
 * since the previous run. A missing or NaN barrier fails both checks. With {@link
 * RegressionSpec#upperBound()} the gated value is the worst pair's upper end of the barrier's
 * bootstrap interval, so a barrier that is small only by chance of the evaluation sample fails.
 */
public final class RegressionGate {

    /** The alignment that is gated only when it is the run's only one. */
    public static final String UNALIGNED = "none";

    /** One row's worst-pair chord loss barrier (nats), or null when the row has none. */
    public record Barrier(String alignment, String path, Double value) {
        /** {@code alignment/path}, as the operator's status keys the barriers of past runs. */
        public String key() {
            return RegressionGate.key(alignment, path);
        }
    }

    /**
     * The verdict on one row.
     *
     * @param before the previous run's barrier, or null if it had no such row
     * @param after this run's barrier (NaN when missing)
     * @param gated whether the gate applies to this row
     * @param failures why the gate failed on this row, empty when it passed or is not gated
     */
    public record Row(
            String alignment,
            String path,
            Double before,
            double after,
            boolean gated,
            List<String> failures) {}

    private RegressionGate() {}

    /** {@code alignment/path}. */
    public static String key(String alignment, String path) {
        return alignment + "/" + path;
    }

    /** The worst pair's chord loss barrier of each summary row, in summary order. */
    public static List<Barrier> barriers(List<SummaryRow> rows) {
        return barriers(rows, false);
    }

    /**
     * The value {@code gate} holds for each summary row, in summary order: the worst pair's chord
     * loss barrier, or with {@link RegressionSpec#upperBound()} the worst pair's upper end of its
     * interval (null when the row has no intervals: the gate then fails that row).
     */
    public static List<Barrier> barriers(List<SummaryRow> rows, RegressionSpec gate) {
        return barriers(rows, gate != null && gate.upperBound());
    }

    private static List<Barrier> barriers(List<SummaryRow> rows, boolean upper) {
        List<Barrier> barriers = new ArrayList<>();
        for (SummaryRow row : rows) {
            Double value;
            if (upper) {
                IntervalSpread lin =
                        row.lossBarrierInterval() == null
                                ? null
                                : row.lossBarrierInterval().get("lin");
                value = lin == null || lin.upper() == null ? null : lin.upper().max();
            } else {
                Spread lin = row.lossBarrier() == null ? null : row.lossBarrier().get("lin");
                value = lin == null ? null : lin.max();
            }
            barriers.add(new Barrier(row.alignment(), row.path(), value));
        }
        return barriers;
    }

    /** The barriers keyed {@code alignment/path}, in order. */
    public static Map<String, Double> byKey(List<Barrier> barriers) {
        Map<String, Double> byKey = new LinkedHashMap<>();
        for (Barrier b : barriers) byKey.put(b.key(), b.value());
        return byKey;
    }

    /**
     * The verdict on every row of a run.
     *
     * @param gate the regression gate, or null (then nothing fails)
     * @param previous the previous run's barriers keyed {@code alignment/path}, or null
     */
    public static List<Row> check(
            RegressionSpec gate, List<Barrier> current, Map<String, Double> previous) {
        boolean onlyNone = current.stream().allMatch(b -> b.alignment().equals(UNALIGNED));
        List<Row> rows = new ArrayList<>();
        for (Barrier b : current) {
            double now = b.value() == null ? Double.NaN : b.value();
            Double then = previous == null ? null : previous.get(b.key());
            boolean gated = onlyNone || !b.alignment().equals(UNALIGNED);
            List<String> failures = new ArrayList<>();
            if (gated && gate != null) {
                if (gate.maxLossBarrier() != null && !(now <= gate.maxLossBarrier())) {
                    failures.add(
                            String.format(
                                    Locale.ROOT,
                                    "%s %.4f > maxLossBarrier %.4f",
                                    gate.upperBound() ? "interval's upper end" : "barrier",
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
            rows.add(new Row(b.alignment(), b.path(), then, now, gated, List.copyOf(failures)));
        }
        return rows;
    }

    /** Whether every row passed. */
    public static boolean passed(List<Row> rows) {
        return rows.stream().allMatch(r -> r.failures().isEmpty());
    }

    /** Every failure, one line each, prefixed with its row's {@code alignment/path}. */
    public static List<String> reasons(List<Row> rows) {
        List<String> reasons = new ArrayList<>();
        for (Row r : rows) {
            for (String f : r.failures()) reasons.add(key(r.alignment(), r.path()) + ": " + f);
        }
        return reasons;
    }
}
