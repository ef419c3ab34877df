package dev.isthmus.cli;

import dev.isthmus.api.spec.Names;
import dev.isthmus.workers.align.CycleConsistency;
import dev.isthmus.workers.merge.Merger;
import dev.isthmus.workers.metrics.LossAccuracy;
import dev.isthmus.workers.models.Model;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** What {@code isthmus merge} prints: the merge beside its members and the naive average. */
final class MergeText {
    private MergeText() {}

    static void print(
            PrintStream o,
            Model model,
            Names.MergeAlignment method,
            Names.Repair repair,
            List<Path> checkpoints,
            double[] weights,
            Merger.Result r,
            Path out,
            Path record,
            double seconds) {
        var a = r.alignment();
        o.printf(
                Locale.ROOT,
                "%s: %s of %d checkpoints (%s), %s, repair %s%n",
                out,
                method.wire(),
                checkpoints.size(),
                model.describe(),
                switch (method) {
                    case NONE -> "no alignment";
                    case WEIGHT_MATCHING -> "weight matching to the first, sweeps " + a.sweeps();
                    case MERGE_MANY ->
                            a.iterations()
                                    + " iteration(s), "
                                    + (a.converged() ? "converged" : "not converged");
                },
                repair.wire());
        var e = r.evaluation();
        o.printf(
                Locale.ROOT,
                "%-32s %7s %9s %9s   (%d examples)%n",
                "network",
                "weight",
                "loss",
                "accuracy",
                e.examples());
        for (int i = 0; i < checkpoints.size(); i++) {
            row(o, checkpoints.get(i).getFileName().toString(), weights[i], e.members().get(i));
        }
        row(o, "naive average (unaligned)", null, e.naive());
        row(o, "merged (" + method.wire() + ")", null, e.merged());
        if (r.cycles() != null) cycles(o, r.cycles());
        o.printf(Locale.ROOT, "provenance   %s%n", record);
        o.printf(Locale.ROOT, "seconds      %.3f%n", seconds);
    }

    private static void row(PrintStream o, String name, Double weight, LossAccuracy s) {
        o.printf(
                Locale.ROOT,
                "%-32s %7s %9.6f %9.4f%n",
                name,
                weight == null ? "" : String.format(Locale.ROOT, "%.4f", weight),
                s.loss(),
                s.accuracy());
    }

    private static void cycles(PrintStream o, Merger.Cycles c) {
        if (c.pairwise().isEmpty()) {
            o.println("cycle consistency: needs at least 3 checkpoints");
            return;
        }
        o.println("cycle consistency (fraction of units where P_ab·P_bc differs from P_ac)");
        o.printf(
                Locale.ROOT, "%-10s %-24s %s%n", "triple", "pairwise weight matching", "per group");
        for (CycleConsistency.Triple t : c.pairwise()) {
            StringBuilder groups = new StringBuilder();
            for (CycleConsistency.Group g : t.groups()) {
                groups.append(String.format(Locale.ROOT, " %s %.4f", g.group(), g.fraction()));
            }
            o.printf(
                    Locale.ROOT,
                    "%-10s %-24s%s%n",
                    t.a() + "," + t.b() + "," + t.c(),
                    String.format(Locale.ROOT, "%.4f", t.fraction()),
                    groups);
        }
        o.printf(
                Locale.ROOT,
                "mean over %d triples: pairwise %.4f, the merge's frame %.4f%n",
                c.pairwise().size(),
                CycleConsistency.mean(c.pairwise()),
                CycleConsistency.mean(c.frame()));
    }
}
