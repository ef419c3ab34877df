package dev.isthmus.workers.report;

import dev.isthmus.api.result.SummaryRow;
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
        appendAlignments(sb, r);
        if (!r.failures().isEmpty()) {
            sb.append(String.format(Locale.ROOT, "%n%d task(s) failed:%n", r.failures().size()));
            for (Results.TaskFailure f : r.failures()) {
                sb.append("  ").append(f.task()).append(": ").append(f.message()).append('\n');
            }
        }
        return sb.toString();
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
