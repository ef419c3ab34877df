package dev.isthmus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command on a corpus of hostile inputs ({@code src/test/resources/hostile}): each is refused
 * as bad input (exit 2), never retried, with sentences that name what was wrong and carry no Java
 * class names, stack frames or bare numbers.
 */
class HostileInputTest {

    private static final Pattern CLASS_NAME =
            Pattern.compile(
                    "\\b(java|javax|com|org|dev|sun|jdk)\\.[a-z]\\w*\\."
                            + "|\\b\\w*(Exception|Error)\\b"
                            + "|StreamReadConstraints|JsonToken|Source: REDACTED");

    /** Jackson's own wording of a syntax error, which names its tokens, not what to write. */
    private static final Pattern JACKSON_TEXT =
            Pattern.compile("was expecting|JSON String|Unrecognized token|Unexpected character");

    private static final Pattern STACK_FRAME = Pattern.compile("^\\s*at [\\w.$]+\\(");

    /** A number with nothing after it that says what it counts: {@code -1979015168}. */
    private static final Pattern BARE_NUMBER = Pattern.compile("(^|: )-?[0-9][0-9.]*$");

    private static Path corpus() throws URISyntaxException {
        return Path.of(HostileInputTest.class.getResource("/hostile").toURI());
    }

    private static List<Path> sweeps() throws Exception {
        try (Stream<Path> files = Files.list(corpus())) {
            return files.filter(
                            f -> {
                                String n = f.getFileName().toString();
                                return n.endsWith(".yaml") || n.endsWith(".json");
                            })
                    .sorted()
                    .toList();
        }
    }

    @Test
    void everySweepCommandRefusesEverySweepOfTheCorpusInSentences(@TempDir Path store)
            throws Exception {
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (Path sweep : sweeps()) {
            String f = sweep.toString();
            String s = store.toString();
            List<String[]> commands =
                    List.of(
                            new String[] {"validate", f},
                            new String[] {"plan", f},
                            new String[] {"render", f},
                            new String[] {"run", f, "--store", s},
                            new String[] {
                                "task", "train", "--index", "0", "--spec", f, "--store", s
                            });
            for (String[] args : commands) {
                checked++;
                check(args, failures);
            }
        }
        assertEquals(List.of(), failures, String.join("\n", failures));
        assertTrue(checked >= 18 * 5, "only " + checked + " runs");
    }

    @Test
    void aHundredThousandSeedsAreRefusedByEveryCommand(@TempDir Path dir) throws IOException {
        StringBuilder seeds = new StringBuilder();
        for (int i = 0; i < 100_000; i++) seeds.append(i == 0 ? "" : ", ").append(i);
        Path f = dir.resolve("seeds.yaml");
        Files.writeString(
                f,
                "apiVersion: isthmus.dev/v1alpha1\nkind: ConnectivitySweep\n"
                        + "metadata: {name: seeds}\nspec:\n"
                        + "  model: {architecture: mlp, hidden: [16]}\n"
                        + "  dataset: {name: fashion-mnist}\n"
                        + "  endpoints: {train: {seeds: ["
                        + seeds
                        + "]}}\n");
        List<String> failures = new ArrayList<>();
        for (String cmd : new String[] {"validate", "plan", "render", "run"}) {
            String[] args =
                    cmd.equals("run")
                            ? new String[] {cmd, f.toString(), "--store", dir.toString()}
                            : new String[] {cmd, f.toString()};
            String err = check(args, failures);
            assertTrue(err.contains("100,000 seeds make 5.0e9 pairs"), err);
        }
        assertEquals(List.of(), failures, String.join("\n", failures));
    }

    @Test
    void checkpointAndResultsCommandsRefuseTheCorpusInSentences(@TempDir Path dir)
            throws Exception {
        Path model = dir.resolve("model.yaml");
        Files.writeString(model, "{architecture: mlp, hidden: [16]}\n");
        Path data = dir.resolve("data.yaml");
        Files.writeString(
                data,
                "{name: sparse-parity, bits: 8, relevant: 2, trainExamples: 64, evalExamples:"
                        + " 32}\n");
        List<String> failures = new ArrayList<>();
        List<Path> checkpoints;
        try (Stream<Path> files = Files.list(corpus())) {
            checkpoints =
                    files.filter(p -> p.toString().endsWith(".safetensors")).sorted().toList();
        }
        String m = model.toString();
        String d = data.toString();
        String out = dir.resolve("out.safetensors").toString();
        for (Path c : checkpoints) {
            String f = c.toString();
            check(new String[] {"evaluate", "--model", m, "--dataset", d, "--a", f}, failures);
            check(
                    new String[] {
                        "align", "--model", m, "--dataset", d, "--a", f, "--b", f, "--out", out
                    },
                    failures);
        }
        List<Path> runs;
        try (Stream<Path> files = Files.list(corpus())) {
            runs =
                    files.filter(p -> p.getFileName().toString().startsWith("results-"))
                            .sorted()
                            .toList();
        }
        for (Path r : runs) {
            check(new String[] {"compare", r.toString(), r.toString()}, failures);
            check(
                    new String[] {
                        "report", r.toString(), "--out", dir.resolve("r.html").toString()
                    },
                    failures);
        }
        // valid sweeps whose checkpoints are corrupt or missing: found by run and by the pod's
        // task, and failed as bad input, never retried
        for (String name : new String[] {"checkpoint-garbage.yaml", "checkpoint-missing.yaml"}) {
            String f = corpus().resolve("checkpoints").resolve(name).toString();
            String s = dir.resolve("store").toString();
            check(new String[] {"run", f, "--store", s}, failures);
            check(
                    new String[] {"task", "align", "--index", "0", "--spec", f, "--store", s},
                    failures);
        }
        check(new String[] {"validate", dir.toString()}, failures);
        check(new String[] {"validate", dir.resolve("absent.yaml").toString()}, failures);
        Path valid = dir.resolve("valid.yaml");
        Files.writeString(
                valid,
                "apiVersion: isthmus.dev/v1alpha1\nkind: ConnectivitySweep\n"
                        + "metadata: {name: valid}\nspec:\n"
                        + "  model: {architecture: mlp, hidden: [16]}\n"
                        + "  dataset: {name: fashion-mnist}\n"
                        + "  endpoints: {train: {seeds: [0, 1]}}\n");
        String err =
                check(new String[] {"plan", "--memory-budget", "lots", valid.toString()}, failures);
        assertTrue(
                err.contains("--memory-budget: expected a quantity such as 64Gi, got lots"), err);
        err =
                check(
                        new String[] {"validate", "--memory-budget", "1Mi", valid.toString()},
                        failures);
        assertTrue(err.contains("the budget is 1 MiB (--memory-budget 1Mi)"), err);
        // a cluster spec is admitted against its pods' memory, wherever validate runs
        Path pod = valid.resolveSibling("pod.yaml");
        Files.writeString(
                pod,
                Files.readString(valid)
                        + "  execution: {retries: 1, resources: {memory: 1Mi, maxMemory: 2Mi}}\n");
        for (String cmd : new String[] {"validate", "render"}) {
            err = check(new String[] {cmd, pod.toString()}, failures);
            assertTrue(
                    err.contains(
                            "the budget is 2 MiB (spec.execution.resources.maxMemory: 2Mi, the"
                                    + " most a pod retried for memory gets)"),
                    err);
        }
        assertEquals(List.of(), failures, String.join("\n", failures));
        assertTrue(checkpoints.size() >= 6 && runs.size() >= 4);
    }

    /** Runs one command; records what is wrong with its answer; returns its stderr. */
    private static String check(String[] args, List<String> failures) {
        CliTest.Outcome o = CliTest.run(args);
        String cmd = String.join(" ", args).replace(System.getProperty("java.io.tmpdir"), "");
        if (o.code() != IsthmusCommand.BAD_INPUT) {
            failures.add(cmd + ": exit " + o.code() + ", expected 2 (bad input): " + o.err());
        }
        String err = o.err().strip();
        System.out.println(
                cmd + "\n    -> exit " + o.code() + ": " + err.replace("\n", "\n       "));
        if (!err.startsWith("isthmus: ")
                && !err.contains("\nisthmus: ")
                && !err.contains(" failed: ")) {
            failures.add(cmd + ": no one-line error: " + err);
        }
        if (err.isEmpty()) failures.add(cmd + ": nothing on stderr");
        for (String line : err.split("\n")) {
            String text = line.startsWith("isthmus: ") ? line.substring(9) : line;
            if (text.isBlank()) continue;
            if (CLASS_NAME.matcher(text).find()) failures.add(cmd + ": class name in: " + line);
            if (STACK_FRAME.matcher(text).find()) failures.add(cmd + ": stack frame: " + line);
            if (BARE_NUMBER.matcher(text.strip()).find()) {
                failures.add(cmd + ": bare number: " + line);
            }
            if (text.contains("retrying")) failures.add(cmd + ": bad input retried: " + line);
            if (text.contains("Input length =")) failures.add(cmd + ": decoder text: " + line);
            if (JACKSON_TEXT.matcher(text).find()) failures.add(cmd + ": parser's text: " + line);
        }
        return err;
    }
}
