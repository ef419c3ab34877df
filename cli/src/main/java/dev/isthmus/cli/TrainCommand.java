package dev.isthmus.cli;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isthmus.api.spec.SweepSpec;
import dev.isthmus.workers.data.Dataset;
import dev.isthmus.workers.io.Checkpoint;
import dev.isthmus.workers.io.Safetensors;
import dev.isthmus.workers.models.Model;
import dev.isthmus.workers.progress.ConsoleProgress;
import dev.isthmus.workers.train.Trainer;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code isthmus train}: trains one network and writes it as safetensors. */
@Command(name = "train", description = "Train one network from a seed and save it as .safetensors.")
final class TrainCommand implements Callable<Integer> {

    @Mixin SectionOptions sections;

    @Option(names = "--seed", defaultValue = "0")
    long seed;

    @Option(names = "--epochs", defaultValue = "1")
    int epochs;

    @Option(names = "--optimizer", defaultValue = "adam", description = "adam or sgd.")
    String optimizer;

    @Option(names = "--learning-rate")
    Double learningRate;

    @Option(names = "--batch-size", defaultValue = "128")
    int batchSize;

    @Option(names = "--out", required = true, description = "Output .safetensors file.")
    Path out;

    @Mixin ComputeOptions compute;

    @Override
    public Integer call() throws Exception {
        ObjectNode train = JsonNodeFactory.instance.objectNode();
        train.putArray("seeds").add(seed);
        train.put("epochs", epochs).put("optimizer", optimizer).put("batchSize", batchSize);
        if (learningRate != null) train.put("learningRate", learningRate);
        SectionOptions.Loaded in = sections.load(train, "isthmus train");
        SweepSpec spec = in.spec();
        Dataset data = in.data();
        Model m = in.model();
        try (NDManager manager = compute.open()) {
            Trainer.Result r =
                    Trainer.train(
                            manager,
                            m,
                            data,
                            spec.endpoints().train(),
                            seed,
                            ConsoleProgress.stderr("seed-" + seed));
            Map<String, String> meta = new TreeMap<>();
            meta.put("format", "pt");
            meta.put("isthmus.seed", Long.toString(seed));
            meta.put("isthmus.model", m.describe());
            Safetensors.write(out, new Checkpoint(meta, r.params()));
            var last = r.history().get(r.history().size() - 1);
            System.out.printf(
                    "%s: %s, eval loss %.4f, accuracy %.4f%n",
                    out, m.describe(), last.evalLoss(), last.evalAccuracy());
        }
        return IsthmusCommand.OK;
    }
}
