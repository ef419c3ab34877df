package dev.isthmus.cli;

import ai.djl.ndarray.NDManager;
import dev.isthmus.api.spec.Names;
import dev.isthmus.api.validation.BadInputException;
import dev.isthmus.workers.io.Checkpoint;
import dev.isthmus.workers.io.HostTensor;
import dev.isthmus.workers.io.Safetensors;
import dev.isthmus.workers.io.ShapeCheck;
import dev.isthmus.workers.merge.MergeRepair;
import dev.isthmus.workers.merge.Merger;
import dev.isthmus.workers.merge.Weights;
import dev.isthmus.workers.models.Model;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code isthmus merge}: the weighted average of k checkpoints of one architecture, aligned into
 * the first one's frame, written as safetensors with a provenance record, and evaluated beside its
 * members and the naive average.
 */
@Command(
        name = "merge",
        description =
                "Average k checkpoints of one architecture after aligning them (merge-many,"
                        + " weight-matching to the first, or none).")
final class MergeCommand implements Callable<Integer> {

    @Mixin SectionOptions sections;

    @Parameters(
            arity = "2..*",
            paramLabel = "CHECKPOINT",
            description = "The checkpoints (.safetensors); the first gives the unit order.")
    List<Path> checkpoints;

    @Option(
            names = "--alignment",
            defaultValue = "merge-many",
            description = "merge-many, weight-matching (each to the first) or none.")
    String alignment;

    @Option(
            names = "--weights",
            split = ",",
            paramLabel = "W",
            description = "One weight per checkpoint, e.g. 1,1,2 (default: uniform).")
    List<Double> weights;

    @Option(
            names = "--repair",
            description = "none, reset or repair (default: reset with BatchNorm, else none).")
    String repair;

    @Option(
            names = "--max-iterations",
            defaultValue = "100",
            description = "merge-many: most passes over the checkpoints.")
    int maxIterations;

    @Option(
            names = "--max-sweeps",
            defaultValue = "100",
            description = "Most sweeps of each weight-matching run.")
    int maxSweeps;

    @Option(
            names = "--seed",
            defaultValue = "0",
            description = "Orders groups and checkpoints in the alignment; draws reset's batches.")
    long seed;

    @Option(
            names = "--cycles",
            description = "Also measure the cycle consistency of pairwise weight matching.")
    boolean cycles;

    @Option(names = "--out", required = true, description = "The merged .safetensors file.")
    Path out;

    @Option(
            names = "--provenance",
            description = "The provenance JSON (default: --out with .json for .safetensors).")
    Path provenance;

    @Mixin ComputeOptions compute;

    @Override
    public Integer call() throws Exception {
        Names.MergeAlignment method =
                Names.parse(Names.MergeAlignment.class, alignment)
                        .orElseThrow(
                                () ->
                                        unknown(
                                                "--alignment",
                                                alignment,
                                                Names.MergeAlignment.class));
        double[] w = Weights.normalised(weights, checkpoints.size(), "--weights");
        MergeFiles.checkNames(checkpoints, out);
        if (maxIterations < 1) throw new BadInputException("--max-iterations: must be >= 1");
        if (maxSweeps < 1) throw new BadInputException("--max-sweeps: must be >= 1");
        SectionOptions.Loaded in = sections.load(null, "isthmus merge");
        Model model = in.model();
        Names.Repair fix =
                repair == null
                        ? MergeRepair.defaultFor(model)
                        : Names.parse(Names.Repair.class, repair)
                                .orElseThrow(() -> unknown("--repair", repair, Names.Repair.class));
        List<SortedMap<String, HostTensor>> members = new ArrayList<>();
        for (Path file : checkpoints) {
            Checkpoint c = Safetensors.read(file);
            ShapeCheck.requireShapes(
                    file.toString(), c, model.parameterShapes(), model.integerBuffers());
            members.add(c.tensors());
        }

        long start = System.nanoTime();
        Merger.Request request =
                new Merger.Request(
                        model, members, method, w, fix, maxIterations, maxSweeps, seed, cycles);
        Merger.Result r;
        try (NDManager m = compute.open()) {
            r = Merger.run(m, in.data(), request);
        }
        Map<String, String> meta = new TreeMap<>();
        meta.put("format", "pt");
        meta.put("isthmus.model", model.describe());
        meta.put("isthmus.merge", method.wire());
        meta.put("isthmus.members", Integer.toString(checkpoints.size()));
        Safetensors.write(out, new Checkpoint(meta, r.merged()));
        Path record = provenance != null ? provenance : MergeFiles.defaultProvenance(out);
        MergeFiles.writeProvenance(record, request, r, checkpoints, out);
        double seconds = (System.nanoTime() - start) / 1e9;
        MergeText.print(System.out, model, method, fix, checkpoints, w, r, out, record, seconds);
        return IsthmusCommand.OK;
    }

    private static <E extends Enum<E> & Names.Word> BadInputException unknown(
            String flag, String value, Class<E> words) {
        return new BadInputException(
                flag + ": " + value + " is not one of " + String.join(", ", Names.of(words)));
    }
}
