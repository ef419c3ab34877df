package dev.isthmus.cli.sweeps;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isthmus.api.spec.DatasetSpec;
import dev.isthmus.cli.IsthmusCommand;
import dev.isthmus.workers.data.Dataset;
import dev.isthmus.workers.data.Datasets;
import dev.isthmus.workers.data.Split;
import dev.isthmus.workers.io.Checkpoint;
import dev.isthmus.workers.io.DType;
import dev.isthmus.workers.io.HostTensor;
import dev.isthmus.workers.io.Safetensors;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fashion-MNIST written out as a tensors dataset (the first 1,000 training images, shaped [N, 1,
 * 28, 28], labels as I64; the whole test split) gives the curves of the built-in fashion-mnist
 * dataset, byte for byte: trained endpoints, weight matching and the seeded evaluation subset.
 */
class TensorsSweepTest {

    private static String body(String dataset) {
        return "  model: {architecture: mlp, hidden: [32]}\n"
                + "  dataset: "
                + dataset
                + "\n  endpoints:\n"
                + "    train: {seeds: [0, 1], epochs: 1, batchSize: 100}\n"
                + "  alignments: [none, weight-matching]\n"
                + "  alphas: 5\n"
                + "  metrics: [loss, accuracy]\n"
                + "  execution: {parallelism: 1, retries: 0, threads: 1}\n";
    }

    private static void write(Path file, Split split) {
        ByteBuffer labels =
                ByteBuffer.allocate(split.size() * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int y : split.y()) labels.putLong(y);
        Safetensors.write(
                file,
                Checkpoint.of(
                        Map.of(
                                "inputs",
                                HostTensor.ofFloats(
                                        new long[] {split.size(), 1, 28, 28}, split.x()),
                                "labels",
                                new HostTensor(
                                        DType.I64, new long[] {split.size()}, labels.array()))));
    }

    @Test
    void fashionMnistAsTensorsGivesTheCurvesOfTheBuiltInDataset(@TempDir Path dir)
            throws Exception {
        Dataset fashion =
                Datasets.load(
                        new DatasetSpec(
                                "fashion-mnist", null, 1000, null, null, null, null, null, null),
                        null);
        write(dir.resolve("train.safetensors"), fashion.train());
        write(dir.resolve("test.safetensors"), fashion.eval());

        Path builtIn =
                Sweeps.write(
                        dir,
                        "builtin",
                        body("{name: fashion-mnist, trainExamples: 1000, evalExamples: 500}"));
        Path tensors =
                Sweeps.write(
                        dir,
                        "tensors",
                        body(
                                "{name: tensors, trainFile: train.safetensors, evalFile:"
                                        + " test.safetensors, evalExamples: 500}"));
        for (Path spec : new Path[] {builtIn, tensors}) {
            assertEquals(
                    0, IsthmusCommand.execute("run", spec.toString(), "--store", dir.toString()));
        }
        byte[] a = Files.readAllBytes(dir.resolve("tensors/curves.csv"));
        String csv = new String(a, StandardCharsets.UTF_8);
        assertTrue(csv.contains("weight-matching"), csv);
        assertArrayEquals(
                Files.readAllBytes(dir.resolve("builtin/curves.csv")),
                a,
                "curves.csv differs between the tensors files and fashion-mnist");
        String results = Files.readString(dir.resolve("tensors/results.json"));
        assertTrue(
                results.contains("tensors: 1000 train and 10000 eval examples of 784 features"),
                results);
    }
}
