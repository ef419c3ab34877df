package dev.isthmus.cli;

import ai.djl.ndarray.NDManager;
import dev.isthmus.api.spec.AlignmentSpec;
import dev.isthmus.api.spec.ModelSpec;
import dev.isthmus.workers.align.Aligners;
import dev.isthmus.workers.io.Checkpoint;
import dev.isthmus.workers.io.Safetensors;
import dev.isthmus.workers.io.ShapeCheck;
import dev.isthmus.workers.models.Model;
import dev.isthmus.workers.models.Models;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code isthmus align}: aligns checkpoint B to checkpoint A and writes the aligned B. Input and
 * output sizes come from the checkpoints; the model section gives the architecture.
 */
@Command(
        name = "align",
        description =
                "Align checkpoint B to checkpoint A (weight, activation or orthogonal matching).")
final class AlignCommand implements Callable<Integer> {

    @Mixin SectionOptions sections;

    @Option(names = "--a", required = true, description = "Reference checkpoint (.safetensors).")
    Path a;

    @Option(names = "--b", required = true, description = "Checkpoint to align to A.")
    Path b;

    @Option(
            names = "--method",
            defaultValue = "weight-matching",
            description = "weight-matching, activation-matching or orthogonal (transformer).")
    String method;

    @Option(names = "--out", required = true, description = "Where to write the aligned B.")
    Path out;

    @Option(names = "--max-sweeps", description = "weight-matching: most sweeps (default 100).")
    Integer maxSweeps;

    @Option(names = "--warm-start", description = "weight-matching: none or activation-matching.")
    String warmStart;

    @Option(
            names = "--restarts",
            description =
                    "weight-matching: descents from this many seeded random orders, keeping the"
                            + " largest objective (default 1).")
    Integer restarts;

    @Option(
            names = "--examples",
            description = "Inputs whose activations are correlated (default 5000).")
    Integer examples;

    @Option(
            names = "--seed",
            defaultValue = "0",
            description = "Orders the groups in each weight-matching sweep.")
    long seed;

    @Mixin ComputeOptions compute;

    @Override
    public Integer call() throws Exception {
        AlignmentSpec spec = sections.alignment(method, maxSweeps, examples, warmStart, restarts);
        ModelSpec modelSpec = sections.modelOnly();
        Checkpoint ca = Safetensors.read(a);
        Checkpoint cb = Safetensors.read(b);
        Model model = Models.sizedBy(modelSpec, ca, a.toString());
        ShapeCheck.requireShapes(a.toString(), ca, model.parameterShapes(), model.integerBuffers());
        ShapeCheck.requireShapes(b.toString(), cb, model.parameterShapes(), model.integerBuffers());

        long start = System.nanoTime();
        Aligners.Outcome o;
        try (NDManager m = compute.open()) {
            o =
                    Aligners.align(
                            m,
                            model,
                            spec,
                            seed,
                            ca.tensors(),
                            cb.tensors(),
                            () -> sections.loadDataset().train());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, String> meta = new TreeMap<>(cb.metadata());
        meta.put("isthmus.alignment", spec.type());
        meta.put("isthmus.alignedTo", a.getFileName().toString());
        Safetensors.write(out, new Checkpoint(meta, o.aligned()));
        System.out.printf(Locale.ROOT, "%s: %s of %s to %s%n", out, spec.type(), b, a);
        if (spec.restarts() != null) {
            System.out.printf(Locale.ROOT, "restarts     %d%n", spec.restarts());
        }
        System.out.printf(Locale.ROOT, "sweeps       %d%n", o.alignment().sweeps());
        System.out.printf(Locale.ROOT, "objective    %.9g%n", o.alignment().objective());
        System.out.printf(
                Locale.ROOT, "L2 distance  %.6f -> %.6f%n", o.distanceBefore(), o.distanceAfter());
        System.out.printf(Locale.ROOT, "seconds      %.3f%n", seconds);
        return IsthmusCommand.OK;
    }
}
