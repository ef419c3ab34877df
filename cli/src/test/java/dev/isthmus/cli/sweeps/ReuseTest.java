package dev.isthmus.cli.sweeps;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.isthmus.api.plan.Plan;
import dev.isthmus.api.plan.Planner;
import dev.isthmus.api.validation.SweepLoader;
import dev.isthmus.cli.IsthmusCommand;
import dev.isthmus.workers.exec.Layout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finished work is found by content key, not by task index. */
@Tag("slow")
class ReuseTest {

    private static String spec(String seeds) {
        return "  model: {architecture: mlp, hidden: [16]}\n"
                + "  dataset: {name: sparse-parity, bits: 20, relevant: 3, trainExamples: 300, evalExamples: 200}\n"
                + "  endpoints:\n"
                + "    train: {seeds: "
                + seeds
                + ", epochs: 2, batchSize: 50}\n"
                + "  alphas: 3\n";
    }

    @Test
    void addingASeedInFrontRetrainsOnlyTheNewEndpoint(@TempDir Path dir) throws Exception {
        String store = dir.resolve("runs").toString();
        Path first = Sweeps.write(dir, "reuse", spec("[0, 1]"));
        assertEquals(0, IsthmusCommand.execute("run", first.toString(), "--store", store));
        Plan before = Planner.plan(SweepLoader.load(first));
        Path run = dir.resolve("runs/reuse");
        Path seed0 = run.resolve(Layout.manifest(before.task("train-0")));
        Path seed1 = run.resolve(Layout.manifest(before.task("train-1")));
        FileTime t0 = Files.getLastModifiedTime(seed0);
        FileTime t1 = Files.getLastModifiedTime(seed1);
        Thread.sleep(20);

        Path second =
                Sweeps.write(dir, "reuse", spec("[7, 0, 1]")); // indices of seeds 0 and 1 shift
        assertEquals(0, IsthmusCommand.execute("run", second.toString(), "--store", store));
        Plan after = Planner.plan(SweepLoader.load(second));
        assertEquals(before.task("train-0").key(), after.task("train-1").key());
        assertEquals(t0, Files.getLastModifiedTime(seed0), "seed 0 was trained again");
        assertEquals(t1, Files.getLastModifiedTime(seed1), "seed 1 was trained again");
        assertEquals(true, Files.exists(run.resolve(Layout.manifest(after.task("train-0")))));
    }
}
