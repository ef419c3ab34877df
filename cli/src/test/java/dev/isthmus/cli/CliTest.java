package dev.isthmus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes and one-line errors of the command line. */
class CliTest {

    record Outcome(int code, String out, String err) {}

    static Outcome run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = IsthmusCommand.execute(args);
            return new Outcome(
                    code,
                    out.toString(StandardCharsets.UTF_8),
                    err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void aDivergedTrainingIsBadInputSoAClusterDoesNotRetryIt(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("explosive.yaml");
        Files.writeString(
                spec,
                "apiVersion: isthmus.dev/v1alpha1\nkind: ConnectivitySweep\n"
                        + "metadata: {name: explosive}\nspec:\n"
                        + "  model: {architecture: mlp, hidden: [16]}\n"
                        + "  dataset: {name: modular-addition, modulus: 11}\n"
                        + "  endpoints: {train: {seeds: [0, 1], optimizer: sgd,"
                        + " learningRate: 1.0e+12, epochs: 4, batchSize: 8}}\n");
        Outcome o =
                run(
                        "task",
                        "train",
                        "--index",
                        "0",
                        "--spec",
                        spec.toString(),
                        "--store",
                        dir.toString());
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().contains("training diverged at epoch 1"), o.err());
    }

    @Test
    void invalidSpecExitsWithTwoAndNamesEveryField(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("bad.yaml");
        Files.writeString(
                spec,
                "apiVersion: isthmus.dev/v1alpha1\nkind: ConnectivitySweep\n"
                        + "metadata: {name: bad}\nspec:\n"
                        + "  model: {architecture: mlp, hidden: [8]}\n"
                        + "  dataset: {name: fashion-mnist}\n"
                        + "  endpoints: {train: {seeds: [0, 1]}}\n"
                        + "  alphas: 1\n"
                        + "  alignments: [none, orthogonal]\n");
        for (String cmd : new String[] {"validate", "run", "plan"}) {
            Outcome o =
                    cmd.equals("run")
                            ? run(cmd, spec.toString(), "--store", dir.toString())
                            : run(cmd, spec.toString());
            assertEquals(2, o.code(), cmd + ": " + o.err());
            assertTrue(o.err().contains("spec.alphas: must be >= 2, got 1"), o.err());
            assertTrue(
                    o.err()
                            .contains(
                                    "spec.alignments[1]: orthogonal rotates a transformer's"
                                            + " residual stream"),
                    o.err());
            assertTrue(!o.err().contains("\tat "), "no stack trace without --errors: " + o.err());
        }
        assertTrue(Files.notExists(dir.resolve("bad")), "an invalid spec must not start any work");
    }

    @Test
    void validateReadsAnOnnxGraphAndNamesTheNodeItCannotRun(@TempDir Path dir) throws Exception {
        Path fixtures = Path.of("../workers/src/test/resources/onnx").toAbsolutePath();
        for (String graph : new String[] {"mlp", "unsupported"}) {
            Path spec = dir.resolve(graph + ".yaml");
            Files.writeString(
                    spec,
                    "apiVersion: isthmus.dev/v1alpha1\nkind: ConnectivitySweep\n"
                            + "metadata: {name: onnx}\nspec:\n"
                            + "  model: {architecture: onnx, file: "
                            + fixtures.resolve(graph + ".onnx")
                            + "}\n  dataset: {name: fashion-mnist}\n"
                            + "  endpoints: {checkpoints: [{name: a, uri: "
                            + fixtures.resolve("mlp-seed-0.safetensors")
                            + "}, {name: b, uri: "
                            + fixtures.resolve("mlp-seed-1.safetensors")
                            + "}]}\n");
            Outcome o = run("validate", spec.toString());
            if (graph.equals("mlp")) {
                assertEquals(0, o.code(), o.err());
            } else {
                assertEquals(2, o.code(), o.err());
                assertTrue(
                        o.err()
                                .contains(
                                        "unsupported.onnx: node \"/HardSwish\" (HardSwish) uses"
                                                + " HardSwish, which Isthmus does not run yet"),
                        o.err());
            }
        }
    }

    @Test
    void missingFileIsBadInputAndErrorsFlagShowsTheStackTrace(@TempDir Path dir) {
        Outcome o = run("validate", dir.resolve("nope.yaml").toString());
        assertEquals(2, o.code());
        assertTrue(o.err().startsWith("isthmus: ") && o.err().contains("nope.yaml"), o.err());
        Outcome withTrace = run("validate", dir.resolve("nope.yaml").toString(), "--errors");
        assertTrue(withTrace.err().contains("\tat "), withTrace.err());
    }

    @Test
    void validSpecValidatesAndPlans() throws Exception {
        Path quickstart = Path.of("../examples/quickstart.yaml");
        Outcome v = run("validate", quickstart.toString());
        assertEquals(0, v.code(), v.err());
        assertTrue(v.out().contains("quickstart: valid (2 endpoints, 2 curves, 7 tasks)"), v.out());
        Outcome p = run("plan", quickstart.toString());
        assertEquals(0, p.code(), p.err());
        assertTrue(
                p.out().contains("train-1")
                        && p.out().contains("evaluate-0")
                        && p.out().contains("aggregate-0"),
                p.out());
    }

    @Test
    void unknownTaskIndexIsBadInput() {
        Outcome o =
                run("task", "evaluate", "--index", "7", "--spec", "../examples/quickstart.yaml");
        assertEquals(2, o.code());
        assertTrue(
                o.err().contains("--index: no task evaluate-7: stage evaluate has 2 task(s)"),
                o.err());
    }
}
