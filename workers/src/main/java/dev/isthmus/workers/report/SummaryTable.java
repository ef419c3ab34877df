package dev.isthmus.workers.report;

import dev.isthmus.api.result.IntervalSpread;
import dev.isthmus.api.result.SummaryRow;
import dev.isthmus.workers.basins.BasinMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The table printed at the end of {@code isthmus run}. */
public final class SummaryTable {
    private SummaryTable() {}

    public static String render(Results r) {
        StringBuilder sb = new StringBuilder();
        sb.append(
                String.format(
                        Locale.ROOT,
                        "%n%s: %s, evaluated on %d examples%n%n",
                        r.sweep(),
                        r.model(),
                        r.evalExamples()));
        sb.append(String.format(Locale.ROOT, "%-12s %9s %9s%n", "endpoint", "loss", "accuracy"));
        for (Results.EndpointResult e : r.endpoints()) {
            sb.append(
                    String.format(
                            Locale.ROOT,
                            "%-12s %9s %9s%n",
                            e.name(),
                            fmt(e.evalLoss()),
                            fmt(e.evalAccuracy())));
        }
        int pathWidth = 8;
        for (SummaryRow s : r.summary()) pathWidth = Math.max(pathWidth, s.path().length());
        String path = "%-" + pathWidth + "s";
        sb.append(
                String.format(
                        Locale.ROOT,
                        "%n%-20s " + path + " %5s | %-26s | %-26s%n",
                        "alignment",
                        "path",
                        "pairs",
                        "loss barrier lin/mean/max",
                        "acc. drop lin/mean/max"));
        for (SummaryRow s : r.summary()) {
            sb.append(
                    String.format(
                            Locale.ROOT,
                            "%-20s " + path + " %5d | %8.4f %8.4f %8.4f | %8.4f %8.4f %8.4f%n",
                            s.alignment(),
                            s.path(),
                            s.pairs(),
                            s.lossBarrier().get("lin").mean(),
                            s.lossBarrier().get("mean").mean(),
                            s.lossBarrier().get("max").mean(),
                            s.accuracyBarrier().get("lin").mean(),
                            s.accuracyBarrier().get("mean").mean(),
                            s.accuracyBarrier().get("max").mean()));
        }
        if (r.summary().stream().anyMatch(s -> s.pairs() > 1)) {
            sb.append("(means over pairs; results.json also has the maximum)\n");
        }
        appendIntervals(sb, r);
        appendBasins(sb, r);
        appendAlignments(sb, r);
        appendMerges(sb, r);
        if (!r.failures().isEmpty()) {
            sb.append(String.format(Locale.ROOT, "%n%d task(s) failed:%n", r.failures().size()));
            for (Results.TaskFailure f : r.failures()) {
                sb.append("  ").append(f.task()).append(": ").append(f.message()).append('\n');
            }
        }
        return sb.toString();
    }

    /** Each merge of all endpoints beside the naive average and its best member. */
    private static void appendMerges(StringBuilder sb, Results r) {
        if (r.merges() == null || r.merges().isEmpty()) return;
        sb.append(
                String.format(
                        Locale.ROOT,
                        "%n%-16s %10s %9s | %-19s | %-19s%n",
                        "merge",
                        "iterations",
                        "repair",
                        "merged loss / acc.",
                        "naive loss / acc."));
        for (Results.MergeResult m : r.merges()) {
            sb.append(
                    String.format(
                            Locale.ROOT,
                            "%-16s %10s %9s | %9.4f %9.4f | %9.4f %9.4f%n",
                            m.alignment(),
                            m.iterations() + (m.converged() ? "" : "*"),
                            m.repair(),
                            m.merged().loss(),
                            m.merged().accuracy(),
                            m.naive().loss(),
                            m.naive().accuracy()));
        }
        if (r.merges().stream().anyMatch(m -> !m.converged())) {
            sb.append("(* stopped at its limit before converging)\n");
        }
    }

    /** The bootstrap intervals of the chord and mean barriers, when measured. */
    private static void appendIntervals(StringBuilder sb, Results r) {
        List<SummaryRow> rows =
                r.summary().stream().filter(s -> s.lossBarrierInterval() != null).toList();
        if (rows.isEmpty()) return;
        double level = rows.get(0).lossBarrierInterval().get("lin").level();
        sb.append(
                String.format(
                        Locale.ROOT,
                        "%n%-20s %-8s | %-21s | %-21s | %-21s | %s%n",
                        "alignment",
                        "path",
                        "loss lin " + percent(level) + " interval",
                        "loss mean interval",
                        "acc. drop lin interval",
                        "worst upper end"));
        for (SummaryRow s : rows) {
            sb.append(
                    String.format(
                            Locale.ROOT,
                            "%-20s %-8s | %21s | %21s | %21s | %.4f%n",
                            s.alignment(),
                            s.path(),
                            interval(s.lossBarrierInterval().get("lin")),
                            interval(s.lossBarrierInterval().get("mean")),
                            interval(s.accuracyBarrierInterval().get("lin")),
                            s.lossBarrierInterval().get("lin").upper().max()));
        }
        sb.append("(bootstrap over evaluation examples; each pair's ends, averaged over pairs)\n");
    }

    private static String interval(IntervalSpread i) {
        return String.format(Locale.ROOT, "[%.4f, %.4f]", i.lower().mean(), i.upper().mean());
    }

    private static String percent(double level) {
        return new java.math.BigDecimal(Double.toString(level * 100))
                        .round(new java.math.MathContext(4))
                        .stripTrailingZeros()
                        .toPlainString()
                + "%";
    }

    /** The basins of each (alignment, path), when the basin map was asked for. */
    private static void appendBasins(StringBuilder sb, Results r) {
        if (r.basins() == null || r.basins().isEmpty()) return;
        BasinMap first = r.basins().get(0);
        sb.append(
                String.format(
                        Locale.ROOT,
                        "%nbasins (%s linkage, chord loss barrier <= %.4g nats):%n",
                        first.linkage(),
                        first.threshold()));
        for (BasinMap m : r.basins()) {
            sb.append(
                    String.format(
                            Locale.ROOT,
                            "%-20s %-8s %d basin%s:",
                            m.alignment(),
                            m.path(),
                            m.basins().size(),
                            m.basins().size() == 1 ? "" : "s"));
            for (BasinMap.Basin b : m.basins()) {
                sb.append(" {").append(String.join(", ", b.members())).append('}');
                if (b.members().size() > 1) {
                    sb.append(b.stronglyConnected() ? " strongly connected" : " chain")
                            .append(
                                    b.maxBarrier() == null
                                            ? " (a pair not evaluated)"
                                            : String.format(
                                                    Locale.ROOT, " (max %.4f)", b.maxBarrier()));
                }
                sb.append(';');
            }
            sb.setLength(sb.length() - 1);
            sb.append('\n');
        }
    }

    /** Per method: mean sweeps and mean L2 distance to A before and after alignment. */
    private static void appendAlignments(StringBuilder sb, Results r) {
        Map<String, List<Results.AlignmentResult>> byMethod = new LinkedHashMap<>();
        for (Results.AlignmentResult a : r.alignments()) {
            if (!"none".equals(a.method())) {
                byMethod.computeIfAbsent(a.method(), k -> new ArrayList<>()).add(a);
            }
        }
        if (byMethod.isEmpty()) return;
        sb.append(
                String.format(
                        Locale.ROOT,
                        "%n%-20s %5s %7s   %s%n",
                        "alignment",
                        "pairs",
                        "sweeps",
                        "distance to A: before -> after"));
        byMethod.forEach(
                (method, list) -> {
                    double sweeps =
                            list.stream()
                                    .mapToInt(Results.AlignmentResult::sweeps)
                                    .average()
                                    .orElse(0);
                    double before =
                            list.stream()
                                    .mapToDouble(Results.AlignmentResult::distanceBefore)
                                    .average()
                                    .orElse(0);
                    double after =
                            list.stream()
                                    .mapToDouble(Results.AlignmentResult::distanceAfter)
                                    .average()
                                    .orElse(0);
                    sb.append(
                            String.format(
                                    Locale.ROOT,
                                    "%-20s %5d %7.1f   %.3f -> %.3f%n",
                                    method,
                                    list.size(),
                                    sweeps,
                                    before,
                                    after));
                });
    }

    private static String fmt(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.4f", v);
    }
}
