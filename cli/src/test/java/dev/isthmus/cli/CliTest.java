package dev.isthmus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

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
    void inspectPrintsTheInferredGroupsTheSelfTestAndThePlantedRecovery() {
        Path fixtures = Path.of("../workers/src/test/resources/onnx").toAbsolutePath();
        Outcome o = run("inspect", fixtures.resolve("mlp.onnx").toString());
        assertEquals(0, o.code(), o.err());
        for (String line :
                new String[] {
                    "groups (2):",
                    "  P_layers.0: 48 units, from node \"/layers.0/Gemm\" (Gemm), on"
                            + " layers.0.bias[0], layers.0.weight[0], layers.1.weight[1]",
                    "[P_layers.1, P_layers.0]",
                    "the output of node \"/layers.2/Gemm\" (Gemm) is an axis of the graph's"
                            + " output logits",
                    "(allowed 0.00010): passed",
                    "weight matching put back 48/48 of P_layers.0, 32/32 of P_layers.1"
                }) {
            assertTrue(o.out().contains(line), line + " in\n" + o.out());
        }
        Outcome bad = run("inspect", fixtures.resolve("mlp-seed-0.safetensors").toString());
        assertEquals(2, bad.code(), bad.err());
        assertTrue(bad.err().startsWith("isthmus: mlp-seed-0.safetensors: "), bad.err());
    }

    @Test
    void aGraphWithoutSymmetryIsRefusedAtValidationWhenTheSweepAligns(@TempDir Path dir)
            throws Exception {
        Path fixtures = Path.of("../workers/src/test/resources/onnx").toAbsolutePath();
        for (String alignment : new String[] {"weight-matching", "none"}) {
            Path spec = dir.resolve(alignment + ".yaml");
            Files.writeString(
                    spec,
                    "apiVersion: isthmus.dev/v1alpha1\nkind: ConnectivitySweep\n"
                            + "metadata: {name: linear}\nspec:\n"
                            + "  model: {architecture: onnx, file: "
                            + fixtures.resolve("linear.onnx")
                            + "}\n  dataset: {name: fashion-mnist}\n"
                            + "  endpoints: {checkpoints: [{name: a, uri: a.safetensors},"
                            + " {name: b, uri: b.safetensors}]}\n"
                            + "  alignments: [{type: "
                            + alignment
                            + "}]\n");
            Outcome o = run("validate", spec.toString());
            if (alignment.equals("none")) {
                assertEquals(0, o.code(), o.err());
            } else {
                assertEquals(2, o.code(), o.err());
                assertTrue(
                        o.err()
                                .contains(
                                        "linear.onnx: no permutation symmetry was found in this"
                                                + " graph (the output of node \"/Gemm\" (Gemm) is an axis of the"
                                                + " graph's output logits), so it cannot be aligned"),
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
    void everyCommandAnswersHelpWithItsUsage() {
        List<CommandLine> commands = new ArrayList<>();
        collect(new CommandLine(new IsthmusCommand()), commands);
        assertTrue(commands.size() >= 14, commands.size() + " commands");
        for (CommandLine c : commands) {
            String name = c.getCommandSpec().qualifiedName();
            List<String> args =
                    new ArrayList<>(List.of(name.split(" ")).subList(1, name.split(" ").length));
            args.add("--help");
            Outcome o = run(args.toArray(String[]::new));
            assertEquals(0, o.code(), name + ": " + o.err());
            assertTrue(o.out().startsWith("Usage: " + name), name + ": " + o.out());
        }
        Outcome missing = run("run");
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("(see 'isthmus run --help')"), missing.err());
        Outcome help = run("help", "run");
        assertEquals(0, help.code(), help.err());
        assertTrue(help.out().startsWith("Usage: isthmus run"), help.out());
    }

    private static void collect(CommandLine c, List<CommandLine> into) {
        for (CommandLine sub : c.getSubcommands().values()) {
            if (sub.getCommandSpec().userObject() instanceof CommandLine.HelpCommand) continue;
            into.add(sub);
            collect(sub, into);
        }
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

    /**
     * A pod whose limit is below the task's estimate (here: this machine, with a network sized to
     * need twice its memory) stops before any work with exit 4, which the rendered podSpecPatch
     * answers with more memory; the spec itself is admitted against maxMemory.
     */
    @Test
    void anAttemptWithTooLittleMemoryExitsFourBeforeAnyWork(@TempDir Path dir) throws Exception {
        double machine = BudgetOptions.machineBytes();
        StringBuilder hidden = new StringBuilder("40000");
        String text;
        double need;
        do {
            hidden.append(", 40000");
            text =
                    "apiVersion: isthmus.dev/v1alpha1\nkind: ConnectivitySweep\n"
                            + "metadata: {name: big}\nspec:\n"
                            + "  model: {architecture: mlp, hidden: ["
                            + hidden
                            + "]}\n"
                            + "  dataset: {name: fashion-mnist, trainExamples: 1000, evalExamples:"
                            + " 100}\n"
                            + "  endpoints: {train: {seeds: [0, 1], epochs: 1}}\n"
                            + "  alignments: [none]\n"
                            + "  execution: {retries: 1, resources: {memory: MEMORY,"
                            + " maxMemory: MAX}}\n";
            need =
                    dev.isthmus.api.admission.Estimate.of(
                                    dev.isthmus.api.validation.SweepLoader.parse(
                                                    text.replace("MEMORY", "1Gi")
                                                            .replace("MAX", "1Ti"),
                                                    "test")
                                            .spec())
                            .processBytes(1);
        } while (need < 2 * machine);
        long mi = (long) Math.ceil(need / (1 << 20));
        Path spec = dir.resolve("big.yaml");
        Files.writeString(
                spec, text.replace("MEMORY", (mi / 2 + 1) + "Mi").replace("MAX", (2 * mi) + "Mi"));
        Outcome o =
                run(
                        "task",
                        "train",
                        "--index",
                        "0",
                        "--spec",
                        spec.toString(),
                        "--store",
                        dir.resolve("store").toString());
        assertEquals(4, o.code(), o.err());
        assertTrue(
                o.err().startsWith("isthmus: isthmus task train --index 0: this attempt has "),
                o.err());
        assertTrue(o.err().contains("and the task needs about "), o.err());
        assertTrue(o.err().strip().endsWith("spec.execution.resources.maxMemory)."), o.err());
        assertEquals(1, o.err().strip().lines().count(), o.err());
        assertTrue(Files.notExists(dir.resolve("store")), "work began: the store was created");
    }
}
