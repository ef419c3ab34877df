package dev.isthmus.cli.sweeps;

import dev.isthmus.api.plan.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small real sweeps for tests: Fashion-MNIST subsets that train in seconds. */
public final class Sweeps {
    private Sweeps() {}

    /** The arguments of {@code isthmus task} that run {@code task} alone, as one pod would. */
    public static String[] taskArgs(Task task, Path spec, Object store) {
        return new String[] {
            "task",
            task.stage().cliName(),
            "--index",
            Integer.toString(task.index()),
            "--spec",
            spec.toString(),
            "--store",
            store.toString()
        };
    }

    public static Path write(Path dir, String name, String specBody) throws IOException {
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(
                file,
                "apiVersion: isthmus.dev/v1alpha1\n"
                        + "kind: ConnectivitySweep\n"
                        + "metadata: {name: "
                        + name
                        + "}\n"
                        + "spec:\n"
                        + specBody);
        return file;
    }

    /** Three seeds, all pairs, on 6000 training and 1000 evaluation images. */
    public static String small(int hidden, int epochs) {
        return "  model: {architecture: mlp, hidden: ["
                + hidden
                + "]}\n"
                + "  dataset: {name: fashion-mnist, trainExamples: 6000, evalExamples: 1000}\n"
                + "  endpoints:\n"
                + "    train: {seeds: [0, 1, 2], epochs: "
                + epochs
                + ", batchSize: 128}\n"
                + "  alphas: 9\n"
                + "  execution: {parallelism: 1, retries: 0, threads: 1}\n";
    }
}
