package dev.isthmus.cli.sweeps;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isthmus.cli.IsthmusCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PyTorch-exported mlp graph, aligned through the permutation spec inferred from it, gives the
 * same curves, byte for byte, as the built-in mlp of the same shape on the same two PyTorch
 * state_dicts: naive, weight-matched and activation-matched.
 */
class OnnxSweepTest {
    private static final Path FIXTURES =
            Path.of("../workers/src/test/resources/onnx").toAbsolutePath();

    private static String body(String model) {
        return "  model: "
                + model
                + "\n  dataset: {name: fashion-mnist, trainExamples: 1000, evalExamples: 500}\n"
                + "  endpoints: {checkpoints: [{name: a, uri: "
                + FIXTURES.resolve("mlp-seed-0.safetensors")
                + "}, {name: b, uri: "
                + FIXTURES.resolve("mlp-seed-1.safetensors")
                + "}]}\n"
                + "  alignments: [none, weight-matching, activation-matching]\n"
                + "  alphas: 5\n"
                + "  metrics: [loss, accuracy]\n"
                + "  execution: {parallelism: 1, retries: 0, threads: 1}\n";
    }

    @Test
    void anOnnxMlpAlignsThroughItsInferredSpecExactlyAsTheBuiltInMlp(@TempDir Path dir)
            throws Exception {
        Path onnx =
                Sweeps.write(
                        dir,
                        "onnx",
                        body("{architecture: onnx, file: " + FIXTURES.resolve("mlp.onnx") + "}"));
        Path builtIn = Sweeps.write(dir, "builtin", body("{architecture: mlp, hidden: [48, 32]}"));
        for (Path spec : new Path[] {onnx, builtIn}) {
            assertEquals(
                    0, IsthmusCommand.execute("run", spec.toString(), "--store", dir.toString()));
        }
        byte[] a = Files.readAllBytes(dir.resolve("onnx/curves.csv"));
        byte[] b = Files.readAllBytes(dir.resolve("builtin/curves.csv"));
        String csv = new String(a, java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(csv.contains("weight-matching") && csv.contains("activation-matching"), csv);
        assertArrayEquals(b, a, "curves.csv differs between the onnx graph and the built-in mlp");
    }
}
