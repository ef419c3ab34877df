package dev.isthmus.cli;

import dev.isthmus.api.admission.Estimate;
import dev.isthmus.api.admission.Term;
import dev.isthmus.api.admission.Units;
import java.util.Locale;

/** The lines {@code isthmus plan} prints about what a sweep needs. */
final class EstimateText {
    private EstimateText() {}

    static String render(Estimate e, int parallel) {
        StringBuilder out = new StringBuilder();
        var c = e.tasks();
        out.append(
                String.format(
                        Locale.ROOT,
                        "estimate: %s parameters per network; %s pairs × %d alignment(s) × %d"
                                + " path(s) = %s tasks%n",
                        Units.count(e.parameters()),
                        Units.count(c.pairs()),
                        c.alignments(),
                        c.paths(),
                        Units.count(c.tasks())));
        out.append(
                String.format(
                        Locale.ROOT,
                        "  memory: %s per process (%d task(s) at once of up to %s, dataset %s,"
                                + " runtime %s)%n",
                        Units.bytes(e.processBytes(parallel)),
                        parallel,
                        Units.bytes(e.taskBytes()),
                        Units.bytes(e.datasetBytes()),
                        Units.bytes(Estimate.RUNTIME_BYTES)));
        for (Term t : e.terms()) {
            out.append("    ").append(t.describe()).append(System.lineSeparator());
        }
        out.append(
                String.format(
                        Locale.ROOT,
                        "  work: %s floating-point operations%n",
                        Units.count(e.flops())));
        for (Term t : e.work()) {
            out.append(
                    String.format(
                            Locale.ROOT,
                            "    %s: %s, %s %s%n",
                            t.field(),
                            t.cause(),
                            Units.count(t.bytes()),
                            t.as()));
        }
        return out.toString();
    }
}
