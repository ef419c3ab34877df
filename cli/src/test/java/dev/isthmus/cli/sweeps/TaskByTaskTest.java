package dev.isthmus.cli.sweeps;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isthmus.api.plan.Plan;
import dev.isthmus.api.plan.Planner;
import dev.isthmus.api.plan.Task;
import dev.isthmus.api.validation.SweepLoader;
import dev.isthmus.cli.IsthmusCommand;
import dev.isthmus.workers.exec.Layout;
import dev.isthmus.workers.store.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Running every task on its own with {@code isthmus task <stage> --index N} (as cluster pods will)
 * gives the same results as {@code isthmus run}.
 */
@Tag("slow")
class TaskByTaskTest {

    @Test
    void taskCommandsReproduceTheLocalRun(@TempDir Path dir) throws Exception {
        Path spec = Sweeps.write(dir, "pods", Sweeps.small(32, 1));
        Plan plan = Planner.plan(SweepLoader.load(spec));
        Path pods = dir.resolve("pods-store");
        for (Task t : plan.allTasks()) {
            assertEquals(0, IsthmusCommand.execute(Sweeps.taskArgs(t, spec, pods)), t.id());
        }
        // A task that is already done is skipped, not redone: its manifest stays untouched.
        Task train0 = plan.task("train-0");
        Path manifest = pods.resolve("pods").resolve(Layout.manifest(train0));
        byte[] manifestBefore = Files.readAllBytes(manifest);
        var modifiedBefore = Files.getLastModifiedTime(manifest);
        Thread.sleep(20);
        assertEquals(
                0,
                IsthmusCommand.execute(
                        "task",
                        "train",
                        "--index",
                        "0",
                        "--spec",
                        spec.toString(),
                        "--store",
                        pods.toString()));
        assertArrayEquals(manifestBefore, Files.readAllBytes(manifest));
        assertEquals(modifiedBefore, Files.getLastModifiedTime(manifest));
        byte[] checkpoint =
                Files.readAllBytes(pods.resolve("pods").resolve(Layout.trainedCheckpoint(train0)));

        Path local = dir.resolve("local-store");
        assertEquals(
                0, IsthmusCommand.execute("run", spec.toString(), "--store", local.toString()));
        assertEquals(
                withoutTimings(pods.resolve("pods/results.json")),
                withoutTimings(local.resolve("pods/results.json")));
        assertArrayEquals(
                checkpoint,
                Files.readAllBytes(
                        local.resolve("pods")
                                .resolve(Layout.trainedCheckpoint(plan.allTasks().get(0)))));
        assertArrayEquals(
                Files.readAllBytes(pods.resolve("pods/curves.csv")),
                Files.readAllBytes(local.resolve("pods/curves.csv")));
    }

    static String withoutTimings(Path results) throws Exception {
        ObjectNode node = (ObjectNode) Json.MAPPER.readTree(results.toFile());
        node.remove("timings");
        return node.toString();
    }
}
