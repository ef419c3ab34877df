package dev.isthmus.cli.sweeps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isthmus.cli.IsthmusCommand;
import dev.isthmus.workers.store.CuttingProxy;
import dev.isthmus.workers.store.Json;
import dev.isthmus.workers.store.RunLock;
import dev.isthmus.workers.store.S3Server;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local run store under faults: a second run, a file changed by hand, SIGTERM. */
class StoreFaultsTest {

    private static final String TINY =
            "  model: {architecture: mlp, hidden: [32]}\n"
                    + "  dataset: {name: sparse-parity, bits: 12, relevant: 2, trainExamples:"
                    + " 512, evalExamples: 128}\n"
                    + "  endpoints:\n"
                    + "    train: {seeds: [0, 1], epochs: 2, batchSize: 64}\n"
                    + "  alphas: 5\n"
                    + "  execution: {parallelism: 1, retries: 0, threads: 1}\n";

    record Outcome(int code, String err) {}

    static Outcome run(String... args) {
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            return new Outcome(IsthmusCommand.execute(args), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(old);
        }
    }

    private static Process java(Path log, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd =
                new java.util.ArrayList<>(
                        List.of(
                                java,
                                "-cp",
                                System.getProperty("java.class.path"),
                                "-Dai.djl.offline=true"));
        cmd.addAll(List.of(args));
        ProcessBuilder b = new ProcessBuilder(cmd).redirectErrorStream(true);
        if (log != null) b.redirectOutput(log.toFile());
        return b.start();
    }

    @Test
    void aSecondRunOnTheSameFolderRefusesAndNamesTheHolder(@TempDir Path dir) throws Exception {
        Path spec = Sweeps.write(dir, "locked", TINY);
        Path folder = dir.resolve("store/locked");
        Process holder = java(null, LockHolder.class.getName(), folder.toString());
        try (BufferedReader out =
                new BufferedReader(
                        new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("locked", out.readLine());
            Outcome o = run("run", spec.toString(), "--store", dir.resolve("store").toString());
            assertEquals(IsthmusCommand.FAILED, o.code(), o.err());
            assertTrue(
                    o.err()
                            .contains(
                                    folder
                                            + ": another isthmus run is using this sweep folder (pid "
                                            + holder.pid()
                                            + " on "),
                    o.err());
            assertTrue(o.err().contains(", started 20"), o.err());
            assertFalse(Files.exists(folder.resolve("tasks")), "the second run did some work");
        } finally {
            holder.destroyForcibly().waitFor();
        }
        // the operating system released the lock with the process: nothing stale remains
        try (RunLock again = RunLock.acquire(folder)) {
            assertTrue(Files.exists(folder.resolve(RunLock.FILE)));
        }
    }

    @Test
    void aStoreFileTruncatedOrEditedByHandIsDetectedAndItsTaskRedone(@TempDir Path dir)
            throws Exception {
        Path spec = Sweeps.write(dir, "edited", TINY);
        String store = dir.resolve("store").toString();
        Outcome first = run("run", spec.toString(), "--store", store);
        assertEquals(0, first.code(), first.err());
        Path folder = dir.resolve("store/edited");
        String results = withoutTimings(folder.resolve("results.json"));

        Path checkpoint = only(folder.resolve("checkpoints"), "seed-0-");
        byte[] bytes = Files.readAllBytes(checkpoint);
        Files.write(checkpoint, java.util.Arrays.copyOf(bytes, bytes.length / 2)); // truncated
        Path record = only(folder.resolve("endpoints"), "seed-1-");
        String text = Files.readString(record);
        Files.writeString(record, text.replaceFirst("\"", "'")); // same size, edited
        assertEquals(text.length(), Files.readString(record).length());

        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            code = IsthmusCommand.execute("run", spec.toString(), "--store", store);
        } finally {
            System.setOut(old);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, printed);
        // train-0 and train-1 redone (and aggregation); training is deterministic, so they write
        // the same bytes again and the align and evaluate tasks after them stay done
        assertTrue(printed.contains("3 task(s) ran, 2 already done"), printed);
        assertTrue(Files.readAllBytes(checkpoint).length == bytes.length);
        assertEquals(results, withoutTimings(folder.resolve("results.json")));
    }

    @Test
    void anS3ServerStoppedDuringAnUploadFailsTheTaskRetryablyAndTheRetrySucceeds(@TempDir Path dir)
            throws Exception {
        Path spec = Sweeps.write(dir, "s3fault", TINY);
        try (S3Server server = new S3Server();
                CuttingProxy proxy = new CuttingProxy(server.endpoint())) {
            server.createBucket("isthmus");
            System.setProperty("isthmus.s3.endpoint", proxy.endpoint().toString());
            System.setProperty("isthmus.cache", dir.resolve("pod").toString());
            proxy.cutAfter(
                    CuttingProxy.Body.REQUEST,
                    "PUT /isthmus/team/s3fault/checkpoints/",
                    500,
                    1,
                    true);
            String[] args = {
                "task",
                "train",
                "--index",
                "0",
                "--spec",
                spec.toString(),
                "--store",
                "s3://isthmus/team"
            };
            Outcome failed = run(args);
            assertEquals(IsthmusCommand.FAILED, failed.code(), failed.err()); // Argo retries 1
            // stderr also carries the progress lines and s3proxy's own log (same JVM)
            List<String> said =
                    failed.err().lines().filter(l -> l.startsWith("isthmus: ")).toList();
            assertEquals(1, said.size(), failed.err());
            String line = said.get(0);
            assertTrue(
                    line.startsWith(
                            "isthmus: cannot upload s3://isthmus/team/s3fault/checkpoints/seed-0-"),
                    line);
            assertTrue(
                    line.contains(
                            " after 4 attempts: the connection to the S3 endpoint "
                                    + proxy.endpoint()
                                    + " closed during the upload, with "),
                    line);
            assertFalse(line.contains("Exception") || line.contains("SdkClient"), line);

            proxy.start(); // the server is back: Argo's retry of the pod
            Outcome retried = run(args);
            assertEquals(0, retried.code(), retried.err());
        } finally {
            System.clearProperty("isthmus.cache");
        }
    }

    @Tag("slow")
    @Test
    void sigtermEndsTheRunningTaskAndReportsItInterrupted(@TempDir Path dir) throws Exception {
        Path spec =
                Sweeps.write(
                        dir,
                        "signal",
                        "  model: {architecture: mlp, hidden: [64]}\n"
                                + "  dataset: {name: fashion-mnist, trainExamples: 30000,"
                                + " evalExamples: 1000}\n"
                                + "  endpoints:\n"
                                + "    train: {seeds: [0, 1], epochs: 4, batchSize: 128}\n"
                                + "  alphas: 5\n"
                                + "  execution: {parallelism: 1, retries: 0, threads: 1}\n");
        Path store = dir.resolve("store");
        Path log = dir.resolve("signal.log");
        Process p =
                java(
                        log,
                        IsthmusCommand.class.getName(),
                        "run",
                        spec.toString(),
                        "--store",
                        store.toString());
        Path tasks = store.resolve("signal/tasks");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (p.isAlive() && System.nanoTime() < deadline && manifests(tasks) < 1) {
            Thread.sleep(20);
        }
        assertTrue(p.isAlive(), () -> "the run ended before the signal: " + read(log));
        p.destroy(); // SIGTERM
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(143, p.exitValue(), read(log)); // 128 + SIGTERM
        String printed = read(log);
        assertTrue(
                printed.contains("isthmus: interrupted while running train-1; finished tasks"),
                printed);
        Path failure = only(tasks, "train-");
        assertTrue(Files.readString(failure).contains("interrupted by a signal"));
        try (Stream<Path> all = Files.walk(store)) {
            assertTrue(all.noneMatch(f -> f.toString().endsWith(".tmp")), "a half file survived");
        }
        Outcome resumed = run("run", spec.toString(), "--store", store.toString());
        assertEquals(0, resumed.code(), resumed.err());
    }

    private static long manifests(Path tasks) throws Exception {
        if (!Files.isDirectory(tasks)) return 0;
        try (Stream<Path> s = Files.list(tasks)) {
            return s.filter(f -> f.getFileName().toString().startsWith("train-"))
                    .filter(f -> !f.toString().endsWith(".failed.json"))
                    .count();
        }
    }

    private static Path only(Path folder, String prefix) throws Exception {
        try (Stream<Path> s = Files.list(folder)) {
            List<Path> found =
                    s.filter(f -> f.getFileName().toString().startsWith(prefix))
                            .filter(
                                    f ->
                                            !prefix.equals("train-")
                                                    || f.toString().endsWith(".failed.json"))
                            .toList();
            assertEquals(1, found.size(), found.toString());
            return found.get(0);
        }
    }

    private static String withoutTimings(Path results) throws Exception {
        ObjectNode node = (ObjectNode) Json.MAPPER.readTree(results.toFile());
        node.remove("timings");
        return node.toString();
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (Exception e) {
            return "(no log)";
        }
    }
}
