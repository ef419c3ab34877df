package dev.isthmus.cli;

import ai.djl.ndarray.NDManager;
import dev.isthmus.workers.models.PermutationSpec;
import dev.isthmus.workers.models.onnx.OnnxModel;
import dev.isthmus.workers.models.onnx.OnnxSymmetry;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code isthmus inspect model.onnx}: the graph's parameters, the permutation groups inferred from
 * it, what is not a symmetry and why, the self-test, and the recovery of a planted permutation.
 */
@Command(
        name = "inspect",
        description =
                "Show an ONNX graph's parameters, its inferred permutation groups, the self-test"
                        + " and the recovery of a planted permutation.")
final class InspectCommand implements Callable<Integer> {

    @Parameters(paramLabel = "MODEL", description = "An ONNX file (torch.onnx.export).")
    Path file;

    @Option(
            names = "--seed",
            defaultValue = "0",
            description = "Seed of the planted permutation (default 0).")
    long seed;

    @Mixin ComputeOptions compute = new ComputeOptions();

    @Override
    public Integer call() {
        try (NDManager m = compute.open()) {
            OnnxModel model = OnnxModel.load(file, file.getFileName().toString());
            System.out.println(model.describe() + ", operator set " + model.graph().opset());
            OnnxSymmetry s = model.symmetry();
            PermutationSpec spec = s.spec();
            Map<String, long[]> shapes = model.parameterShapes();
            System.out.printf("parameters (%d):%n", shapes.size());
            int width = shapes.keySet().stream().mapToInt(String::length).max().orElse(0);
            shapes.forEach(
                    (name, shape) ->
                            System.out.printf(
                                    "  %-" + width + "s  %-16s  %s%s%n",
                                    name,
                                    Arrays.toString(shape),
                                    spec.axesToPerm().get(name).stream()
                                            .map(p -> p == null ? "-" : p)
                                            .collect(Collectors.joining(", ", "[", "]")),
                                    model.buffers().contains(name) ? "  (buffer)" : ""));
            System.out.printf("groups (%d):%n", s.groups().size());
            for (OnnxSymmetry.Group g : s.groups()) {
                System.out.printf(
                        "  %s: %d units, from %s, on %s%n",
                        g.name(), g.size(), g.producer(), axes(g.axes()));
            }
            System.out.printf("not symmetries (%d):%n", s.dropped().size());
            for (OnnxSymmetry.Dropped d : s.dropped()) {
                System.out.printf("  the output of %s %s%n", d.producer(), d.reason());
            }
            double tolerance = OnnxSymmetry.TOLERANCE * Math.max(1, s.logitScale());
            System.out.printf(
                    "self-test: a random permutation of every group changes the logits by at most"
                            + " %.2g (allowed %.2g): %s%n",
                    s.selfTestChange(),
                    tolerance,
                    s.selfTestChange() <= tolerance ? "passed" : "failed");
            List<OnnxSymmetry.Recovery> r = s.plantedRecovery(model, m, seed);
            if (!r.isEmpty()) {
                System.out.println(
                        "planted permutation (seed "
                                + seed
                                + "): weight matching put back "
                                + r.stream()
                                        .map(
                                                x ->
                                                        x.recovered()
                                                                + "/"
                                                                + x.size()
                                                                + " of "
                                                                + x.group())
                                        .collect(Collectors.joining(", ")));
            }
            return IsthmusCommand.OK;
        }
    }

    private static String axes(List<PermutationSpec.Axis> axes) {
        return axes.stream()
                .map(a -> a.param() + "[" + a.axis() + "]")
                .collect(Collectors.joining(", "));
    }
}
