package dev.isthmus.cli.sweeps;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isthmus.api.plan.Planner;
import dev.isthmus.api.plan.Task;
import dev.isthmus.api.validation.SweepLoader;
import dev.isthmus.cli.IsthmusCommand;
import dev.isthmus.workers.exec.Layout;
import dev.isthmus.workers.store.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run killed with SIGKILL and re-run gives the same results as one that was never killed. */
@Tag("slow")
class ResumeTest {

    @Test
    void killedRunResumesToIdenticalResults(@TempDir Path dir) throws Exception {
        Path spec = Sweeps.write(dir, "resume", Sweeps.small(64, 3));
        Path killed = dir.resolve("killed");
        Path clean = dir.resolve("clean");

        // 1. Start a real `isthmus run` in another JVM and kill -9 it after its first task.
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p =
                new ProcessBuilder(
                                java,
                                "-cp",
                                System.getProperty("java.class.path"),
                                "-Dai.djl.offline=true",
                                IsthmusCommand.class.getName(),
                                "run",
                                spec.toString(),
                                "--store",
                                killed.toString())
                        .redirectErrorStream(true)
                        .redirectOutput(dir.resolve("killed.log").toFile())
                        .start();
        Task first = Planner.plan(SweepLoader.load(spec)).task("train-0");
        Path firstDone = killed.resolve("resume").resolve(Layout.manifest(first));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.exists(firstDone) && p.isAlive() && System.nanoTime() < deadline)
            Thread.sleep(10);
        p.destroyForcibly().waitFor();
        assertTrue(Files.exists(firstDone), () -> "first task never finished: " + log(dir));
        assertFalse(
                Files.exists(killed.resolve("resume/results.json")),
                "the run finished before it was killed; the test proves nothing");

        // 2. Resume it; 3. run the same sweep uninterrupted elsewhere.
        assertEquals(
                0, IsthmusCommand.execute("run", spec.toString(), "--store", killed.toString()));
        assertEquals(
                0, IsthmusCommand.execute("run", spec.toString(), "--store", clean.toString()));

        Path a = killed.resolve("resume");
        Path b = clean.resolve("resume");
        assertEquals(
                withoutTimings(a.resolve("results.json")),
                withoutTimings(b.resolve("results.json")));
        assertArrayEquals(
                Files.readAllBytes(a.resolve("curves.csv")),
                Files.readAllBytes(b.resolve("curves.csv")));
        List<Path> checkpoints = list(a.resolve("checkpoints"));
        assertEquals(3, checkpoints.size());
        for (Path c : checkpoints) {
            assertArrayEquals(
                    Files.readAllBytes(c),
                    Files.readAllBytes(b.resolve("checkpoints").resolve(c.getFileName())),
                    c.getFileName() + " differs");
        }
        // No temporary file survives anywhere in the store.
        try (Stream<Path> all = Files.walk(a)) {
            assertTrue(all.noneMatch(x -> x.getFileName().toString().endsWith(".tmp")));
        }

        // 4. A third run finds everything done and rewrites results.json byte for byte.
        byte[] before = Files.readAllBytes(a.resolve("results.json"));
        assertEquals(
                0, IsthmusCommand.execute("run", spec.toString(), "--store", killed.toString()));
        assertArrayEquals(before, Files.readAllBytes(a.resolve("results.json")));
    }

    private static String withoutTimings(Path results) throws Exception {
        ObjectNode node = (ObjectNode) Json.MAPPER.readTree(results.toFile());
        node.remove("timings");
        return node.toString();
    }

    private static List<Path> list(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> f.toString().endsWith(".safetensors")).sorted().toList();
        }
    }

    private static String log(Path dir) {
        try {
            return Files.readString(dir.resolve("killed.log"));
        } catch (Exception e) {
            return "(no log)";
        }
    }
}
