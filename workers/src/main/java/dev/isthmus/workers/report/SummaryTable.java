package dev.isthmus.workers.report;

import java.util.Locale;

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
        sb.append(
                String.format(
                        Locale.ROOT,
                        "%n%-16s %-8s %5s | %-26s | %-26s%n",
                        "alignment",
                        "path",
                        "pairs",
                        "loss barrier lin/mean/max",
                        "acc. drop lin/mean/max"));
        for (Results.SummaryRow s : r.summary()) {
            sb.append(
                    String.format(
                            Locale.ROOT,
                            "%-16s %-8s %5d | %8.4f %8.4f %8.4f | %8.4f %8.4f %8.4f%n",
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
        if (!r.failures().isEmpty()) {
            sb.append(String.format(Locale.ROOT, "%n%d task(s) failed:%n", r.failures().size()));
            for (Results.TaskFailure f : r.failures()) {
                sb.append("  ").append(f.task()).append(": ").append(f.message()).append('\n');
            }
        }
        return sb.toString();
    }

    private static String fmt(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.4f", v);
    }
}
