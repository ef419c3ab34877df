package dev.isthmus.cli.sweeps;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.isthmus.api.plan.Plan;
import dev.isthmus.api.plan.Planner;
import dev.isthmus.api.plan.Task;
import dev.isthmus.api.validation.SweepLoader;
import dev.isthmus.cli.IsthmusCommand;
import dev.isthmus.workers.exec.Layout;
import dev.isthmus.workers.store.S3Server;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep whose run store is S3, run as cluster pods run it: every task in its own process with an
 * empty cache, sharing nothing but the bucket. The results equal a local run's.
 */
@Tag("slow")
class S3SweepTest {

    @Test
    void podsSharingOnlyABucketReproduceTheLocalRun(@TempDir Path dir) throws Exception {
        Path spec = Sweeps.write(dir, "cloud", Sweeps.small(32, 1));
        Plan plan = Planner.plan(SweepLoader.load(spec));
        try (S3Server server = new S3Server()) {
            server.createBucket("isthmus");
            int pod = 0;
            for (Task t : plan.allTasks()) {
                System.setProperty("isthmus.cache", dir.resolve("pod-" + pod++).toString());
                assertEquals(
                        0,
                        IsthmusCommand.execute(Sweeps.taskArgs(t, spec, "s3://isthmus/team")),
                        t.id());
            }
            // The results are in the bucket: read them through a fresh cache.
            Path fresh = dir.resolve("reader");
            System.setProperty("isthmus.cache", fresh.toString());
            var store = dev.isthmus.workers.store.RunStore.open("s3://isthmus/team", "cloud");
            Path results = store.path(Layout.RESULTS);

            // A second `isthmus run` against the bucket finds every task done.
            assertEquals(
                    0,
                    IsthmusCommand.execute("run", spec.toString(), "--store", "s3://isthmus/team"));

            Path local = dir.resolve("local");
            assertEquals(
                    0, IsthmusCommand.execute("run", spec.toString(), "--store", local.toString()));
            assertEquals(
                    TaskByTaskTest.withoutTimings(local.resolve("cloud/results.json")),
                    TaskByTaskTest.withoutTimings(results));
            assertEquals(
                    Files.readString(local.resolve("cloud/curves.csv")),
                    Files.readString(store.path(Layout.CURVES_CSV)));
        } finally {
            System.clearProperty("isthmus.cache");
        }
    }
}
