package dev.isthmus.cli.sweeps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isthmus.api.plan.Plan;
import dev.isthmus.api.plan.Planner;
import dev.isthmus.api.plan.Stage;
import dev.isthmus.api.plan.Task;
import dev.isthmus.api.validation.SweepLoader;
import dev.isthmus.cli.IsthmusCommand;
import dev.isthmus.workers.store.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One small sweep through every execution mode gives the same bytes: every checkpoint, results.json
 * (wall times and the spec's hash aside) and curves.csv. In this JVM: {@code isthmus run} at
 * parallelism 1 and 2, {@code isthmus task} one task at a time, and batches of tasks as the
 * rendered pods run them ({@code --batch}, {@code --spec-yaml}), each after disturbing the native
 * heap so that nothing depends on where earlier work left malloc; in fresh processes: {@code
 * isthmus run}, and one process per task. The build runs this class twice, the second time with the
 * engine's kernels limited to AVX2 (see the workers pom), so an AVX-512 machine checks both.
 *
 * <p>The hidden layer is 8 wide on purpose: oneMKL computes an (n, 784)·(8, 784)ᵀ product with
 * kernels whose bits depend on where the input batch starts even on AVX2 machines (period 16 bytes;
 * {@code isthmus bench alignment}), so uploads at a history-dependent offset fail this test on any
 * machine, not only where AVX-512 widens the period.
 */
@Tag("slow")
class ExecutionModesTest {

    static final String SPEC =
            "  model: {architecture: mlp, hidden: [8]}\n"
                    + "  dataset: {name: fashion-mnist, trainExamples: 3000, evalExamples: 500}\n"
                    + "  endpoints:\n"
                    + "    train: {seeds: [0, 1], epochs: 1, batchSize: 100}\n"
                    + "  alignments: [none, weight-matching]\n"
                    + "  paths: [linear]\n"
                    + "  alphas: 5\n"
                    + "  metrics: [loss, accuracy, decomposition]\n"
                    + "  execution: {parallelism: 1, retries: 0, threads: 1}\n";

    @TempDir Path dir;

    @Test
    void everyModeWritesTheSameBytes() throws Exception {
        Path spec = Sweeps.write(dir, "modes", SPEC);
        Path parallel =
                Sweeps.write(
                        Files.createDirectory(dir.resolve("p2")),
                        "modes",
                        SPEC.replace("parallelism: 1", "parallelism: 2"));
        Plan plan = Planner.plan(SweepLoader.load(spec));
        String yaml = Files.readString(spec);

        Map<String, Path> stores = new LinkedHashMap<>();
        stores.put("run, parallelism 1", inJvm(1, s -> cli("run", spec, "--store", s)));
        stores.put("run, parallelism 2", inJvm(2, s -> cli("run", parallel, "--store", s)));
        stores.put(
                "task by task",
                inJvm(
                        3,
                        s -> {
                            for (Task t : plan.allTasks()) {
                                cli((Object[]) Sweeps.taskArgs(t, spec, s));
                            }
                        }));
        stores.put(
                "batches as pods run them",
                inJvm(
                        4,
                        s -> {
                            for (Stage stage : Stage.values()) {
                                if (plan.tasks(stage).isEmpty()) continue;
                                cli(
                                        "task",
                                        stage.cliName(),
                                        "--index",
                                        "0",
                                        "--batch",
                                        "64",
                                        "--spec-yaml",
                                        yaml,
                                        "--store",
                                        s);
                            }
                        }));
        Path processRun = dir.resolve("process-run");
        process("run", spec.toString(), "--store", processRun.toString());
        stores.put("run, own process", processRun);
        Path processTasks = dir.resolve("process-tasks");
        for (Task t : plan.allTasks()) {
            process(Sweeps.taskArgs(t, spec, processTasks));
        }
        stores.put("a process per task", processTasks);

        Map<String, byte[]> reference = null;
        String referenceMode = null;
        List<String> differences = new ArrayList<>();
        for (Map.Entry<String, Path> e : stores.entrySet()) {
            Map<String, byte[]> outputs = outputs(e.getValue().resolve("modes"));
            if (reference == null) {
                assertFalse(outputs.isEmpty());
                reference = outputs;
                referenceMode = e.getKey();
                continue;
            }
            assertEquals(reference.keySet(), outputs.keySet(), e.getKey() + ": the files written");
            for (String file : reference.keySet()) {
                if (!Arrays.equals(reference.get(file), outputs.get(file))) {
                    differences.add(
                            file
                                    + " differs between '"
                                    + referenceMode
                                    + "' and '"
                                    + e.getKey()
                                    + "'");
                }
            }
        }
        // Every difference at once: which files and modes disagree tells where the drift starts.
        assertEquals(List.of(), differences);
        System.out.printf(
                "ExecutionModesTest: %d modes agree on %d files (ATEN_CPU_CAPABILITY=%s)%n",
                stores.size(), reference.size(), System.getenv("ATEN_CPU_CAPABILITY"));
    }

    /** Every checkpoint, curves.csv, and results.json without wall times and the spec's hash. */
    static Map<String, byte[]> outputs(Path run) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(run)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String name = run.relativize(f).toString();
                if (name.endsWith(".safetensors") || name.equals("curves.csv")) {
                    out.put(name, Files.readAllBytes(f));
                }
            }
        }
        ObjectNode results =
                (ObjectNode) Json.MAPPER.readTree(run.resolve("results.json").toFile());
        results.remove("timings");
        results.remove("specHash");
        out.put(
                "results.json",
                results.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return out;
    }

    interface Mode {
        void run(Path store) throws Exception;
    }

    /** Runs {@code mode} in this JVM with a store of its own, after disturbing the native heap. */
    private Path inJvm(long seed, Mode mode) throws Exception {
        Path store = dir.resolve("jvm-" + seed);
        List<ByteBuffer> held = disturbNativeHeap(seed);
        mode.run(store);
        assertFalse(held.isEmpty());
        return store;
    }

    /**
     * Direct buffers of assorted sizes, held while a mode runs: later allocations (and so the
     * addresses of anything built from host arrays) land elsewhere than in the previous mode.
     */
    static List<ByteBuffer> disturbNativeHeap(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<ByteBuffer> held = new ArrayList<>();
        int count = 50 + rng.nextInt(200);
        for (int i = 0; i < count; i++) {
            held.add(ByteBuffer.allocateDirect(1 + rng.nextInt(i % 4 == 0 ? 600_000 : 5_000)));
        }
        return held;
    }

    private static void cli(Object... args) {
        String[] a = new String[args.length];
        for (int i = 0; i < args.length; i++) a[i] = args[i].toString();
        assertEquals(0, IsthmusCommand.execute(a), String.join(" ", a));
    }

    /** {@code isthmus args…} in a fresh JVM with this test's class path and environment. */
    private static void process(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Dai.djl.offline=true");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(IsthmusCommand.class.getName());
        command.addAll(List.of(args));
        Process p =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                        .start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: isthmus " + String.join(" ", args));
        }
        assertEquals(0, p.exitValue(), "isthmus " + String.join(" ", args));
    }
}
