package dev.isthmus.cli.sweeps;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isthmus.api.plan.Plan;
import dev.isthmus.api.plan.Planner;
import dev.isthmus.api.plan.Task;
import dev.isthmus.api.validation.SweepLoader;
import dev.isthmus.cli.IsthmusCommand;
import dev.isthmus.workers.store.S3Server;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The PyTorch-exported mlp graph, aligned through the permutation spec inferred from it, gives the
 * same curves, byte for byte, as the built-in mlp of the same shape on the same two PyTorch
 * state_dicts: naive, weight-matched and activation-matched.
 */
class OnnxSweepTest {
    private static final Path FIXTURES =
            Path.of("../workers/src/test/resources/onnx").toAbsolutePath();

    private static String body(String model) {
        return body(
                model,
                FIXTURES.resolve("mlp-seed-0.safetensors").toString(),
                FIXTURES.resolve("mlp-seed-1.safetensors").toString());
    }

    private static String body(String model, String a, String b) {
        return "  model: "
                + model
                + "\n  dataset: {name: fashion-mnist, trainExamples: 1000, evalExamples: 500}\n"
                + "  endpoints: {checkpoints: [{name: a, uri: "
                + a
                + "}, {name: b, uri: "
                + b
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
        String csv = new String(a, StandardCharsets.UTF_8);
        assertTrue(csv.contains("weight-matching") && csv.contains("activation-matching"), csv);
        assertArrayEquals(b, a, "curves.csv differs between the onnx graph and the built-in mlp");
    }

    /**
     * The graph and both checkpoints in a bucket, read as a cluster pod reads them (each task in a
     * process of its own with an empty cache): the same curves as from the local files.
     */
    @Test
    void aGraphAndCheckpointsInABucketGiveTheCurvesOfTheLocalFiles(@TempDir Path dir)
            throws Exception {
        Path local =
                Sweeps.write(
                        dir,
                        "local",
                        body("{architecture: onnx, file: " + FIXTURES.resolve("mlp.onnx") + "}"));
        assertEquals(0, IsthmusCommand.execute("run", local.toString(), "--store", dir.toString()));
        try (S3Server server = new S3Server();
                S3Client s3 = server.client()) {
            server.createBucket("nets");
            for (String f :
                    List.of("mlp.onnx", "mlp-seed-0.safetensors", "mlp-seed-1.safetensors")) {
                s3.putObject(r -> r.bucket("nets").key("fashion/" + f), FIXTURES.resolve(f));
            }
            Path remote =
                    Sweeps.write(
                            dir,
                            "remote",
                            body(
                                    "{architecture: onnx, file: 's3://nets/fashion/mlp.onnx'}",
                                    "'s3://nets/fashion/mlp-seed-0.safetensors'",
                                    "'s3://nets/fashion/mlp-seed-1.safetensors'"));
            Plan plan = Planner.plan(SweepLoader.load(remote));
            int pod = 0;
            for (Task t : plan.allTasks()) {
                System.setProperty("isthmus.cache", dir.resolve("pod-" + pod++).toString());
                assertEquals(0, IsthmusCommand.execute(Sweeps.taskArgs(t, remote, dir)), t.id());
            }
            assertArrayEquals(
                    Files.readAllBytes(dir.resolve("local/curves.csv")),
                    Files.readAllBytes(dir.resolve("remote/curves.csv")),
                    "curves.csv differs between the bucket's files and the local ones");

            // A graph missing from the bucket: validation names the field and the object.
            Path missing =
                    Sweeps.write(
                            dir,
                            "missing",
                            body(
                                    "{architecture: onnx, file: 's3://nets/fashion/gone.onnx'}",
                                    "'s3://nets/fashion/mlp-seed-0.safetensors'",
                                    "'s3://nets/fashion/mlp-seed-1.safetensors'"));
            var err = new java.io.ByteArrayOutputStream();
            var was = System.err;
            System.setErr(new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
            int exit;
            try {
                exit = IsthmusCommand.execute("validate", missing.toString());
            } finally {
                System.setErr(was);
            }
            assertEquals(2, exit, err.toString(StandardCharsets.UTF_8));
            assertTrue(
                    err.toString(StandardCharsets.UTF_8)
                            .contains(
                                    "spec.model.file s3://nets/fashion/gone.onnx: no such object"
                                            + " in the bucket"),
                    err.toString(StandardCharsets.UTF_8));
        } finally {
            System.clearProperty("isthmus.cache");
        }
    }
}
