package dev.isthmus.workers.report;

import dev.isthmus.api.result.IntervalSpread;
import dev.isthmus.api.result.RunSummary;
import dev.isthmus.api.result.Spread;
import dev.isthmus.api.result.SummaryRow;
import dev.isthmus.workers.metrics.BarrierIntervals;
import dev.isthmus.workers.metrics.Barriers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** Summarises curves per (alignment, path): mean and max of each barrier over pairs. */
public final class Summaries {
    private Summaries() {}

    /** The run summary a cluster's aggregate pod publishes for the operator. */
    public static RunSummary run(Results results) {
        return RunSummary.of(
                results.sweep(),
                results.specHash(),
                results.curves().size(),
                results.failures().stream().map(Results.TaskFailure::task).toList(),
                results.summary());
    }

    public static List<SummaryRow> of(List<Results.CurveResult> curves) {
        Map<String, List<Results.CurveResult>> groups = new LinkedHashMap<>();
        for (Results.CurveResult c : curves) {
            groups.computeIfAbsent(c.alignment() + "\u0000" + c.path(), k -> new ArrayList<>())
                    .add(c);
        }
        List<SummaryRow> rows = new ArrayList<>();
        for (List<Results.CurveResult> g : groups.values()) {
            boolean intervals = g.stream().allMatch(c -> c.lossBarrierInterval() != null);
            rows.add(
                    new SummaryRow(
                            g.get(0).alignment(),
                            g.get(0).path(),
                            g.size(),
                            spreads(g, Results.CurveResult::lossBarrier),
                            spreads(g, Results.CurveResult::accuracyBarrier),
                            intervals
                                    ? intervals(g, Results.CurveResult::lossBarrierInterval)
                                    : null,
                            intervals
                                    ? intervals(g, Results.CurveResult::accuracyBarrierInterval)
                                    : null));
        }
        return rows;
    }

    private static Map<String, Spread> spreads(
            List<Results.CurveResult> g,
            java.util.function.Function<Results.CurveResult, Barriers> which) {
        Map<String, Spread> out = new LinkedHashMap<>();
        out.put("lin", spread(g, c -> which.apply(c).lin()));
        out.put("mean", spread(g, c -> which.apply(c).mean()));
        out.put("max", spread(g, c -> which.apply(c).max()));
        return out;
    }

    /** Per barrier: mean and max over pairs of the lower ends, and of the upper ends. */
    private static Map<String, IntervalSpread> intervals(
            List<Results.CurveResult> g,
            java.util.function.Function<Results.CurveResult, BarrierIntervals> which) {
        double level = which.apply(g.get(0)).level();
        Map<String, IntervalSpread> out = new LinkedHashMap<>();
        out.put(
                "lin",
                new IntervalSpread(
                        level,
                        spread(g, c -> which.apply(c).lin().lower()),
                        spread(g, c -> which.apply(c).lin().upper())));
        out.put(
                "mean",
                new IntervalSpread(
                        level,
                        spread(g, c -> which.apply(c).mean().lower()),
                        spread(g, c -> which.apply(c).mean().upper())));
        out.put(
                "max",
                new IntervalSpread(
                        level,
                        spread(g, c -> which.apply(c).max().lower()),
                        spread(g, c -> which.apply(c).max().upper())));
        return out;
    }

    private static Spread spread(
            List<Results.CurveResult> g, ToDoubleFunction<Results.CurveResult> f) {
        double sum = 0;
        double max = Double.NEGATIVE_INFINITY;
        for (Results.CurveResult c : g) {
            double v = f.applyAsDouble(c);
            sum += v;
            max = Math.max(max, v);
        }
        return new Spread(sum / g.size(), max);
    }
}
