package dev.isthmus.cli;

import ai.djl.ndarray.NDManager;
import dev.isthmus.api.validation.BadInputException;
import dev.isthmus.workers.data.Dataset;
import dev.isthmus.workers.engine.DeviceBatches;
import dev.isthmus.workers.io.Checkpoint;
import dev.isthmus.workers.io.Safetensors;
import dev.isthmus.workers.io.ShapeCheck;
import dev.isthmus.workers.metrics.Barriers;
import dev.isthmus.workers.metrics.Evaluator;
import dev.isthmus.workers.metrics.LossAccuracy;
import dev.isthmus.workers.models.Model;
import dev.isthmus.workers.models.Params;
import dev.isthmus.workers.paths.Curve;
import dev.isthmus.workers.paths.PathEvaluator;
import dev.isthmus.workers.progress.ConsoleProgress;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code isthmus evaluate}: loss and accuracy of one checkpoint, or the linear path between two
 * with its barriers.
 */
@Command(name = "evaluate", description = "Evaluate a checkpoint, or the linear path between two.")
final class EvaluateCommand implements Callable<Integer> {

    @Mixin SectionOptions sections;

    @Option(names = "--a", required = true, description = "First checkpoint (.safetensors).")
    Path a;

    @Option(names = "--b", description = "Second checkpoint: walk the linear path from A to B.")
    Path b;

    @Option(
            names = "--alphas",
            defaultValue = "25",
            description = "Points on the path, endpoints included.")
    int alphas;

    @Mixin ComputeOptions compute;

    @Override
    public Integer call() throws Exception {
        if (alphas < 2) throw new BadInputException("--alphas: must be >= 2, got " + alphas);
        SectionOptions.Loaded in = sections.load(null, "isthmus evaluate");
        Dataset data = in.data();
        Model m = in.model();
        try (NDManager manager = compute.open();
                DeviceBatches batches = new DeviceBatches(manager, data.eval(), 1000)) {
            Params pa = Params.upload(manager, load(a, m).tensors());
            if (b == null) {
                LossAccuracy r = Evaluator.evaluate(m, pa, batches);
                System.out.printf(
                        Locale.ROOT,
                        "%s: loss %.6f accuracy %.4f (%d examples)%n",
                        a,
                        r.loss(),
                        r.accuracy(),
                        batches.examples());
                return IsthmusCommand.OK;
            }
            Params pb = Params.upload(manager, load(b, m).tensors());
            Curve c =
                    PathEvaluator.linear(
                            m, pa, pb, batches, alphas, ConsoleProgress.stderr("evaluate"));
            System.out.printf("%8s %10s %9s%n", "alpha", "loss", "accuracy");
            for (int i = 0; i < c.size(); i++) {
                System.out.printf(
                        Locale.ROOT,
                        "%8.4f %10.6f %9.4f%n",
                        c.alphas()[i],
                        c.loss()[i],
                        c.accuracy()[i]);
            }
            Barriers l = Barriers.ofLoss(c);
            Barriers acc = Barriers.ofAccuracy(c);
            System.out.printf(
                    Locale.ROOT,
                    "loss barrier     lin %.6f  mean %.6f  max %.6f%n",
                    l.lin(),
                    l.mean(),
                    l.max());
            System.out.printf(
                    Locale.ROOT,
                    "accuracy drop    lin %.6f  mean %.6f  max %.6f%n",
                    acc.lin(),
                    acc.mean(),
                    acc.max());
        }
        return IsthmusCommand.OK;
    }

    private static Checkpoint load(Path file, Model m) {
        Checkpoint c = Safetensors.read(file);
        ShapeCheck.requireShapes(file.toString(), c, m.parameterShapes(), m.integerBuffers());
        return c;
    }
}
