package dev.isthmus.cli.sweeps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isthmus.api.plan.Planner;
import dev.isthmus.api.validation.SweepLoader;
import dev.isthmus.cli.IsthmusCommand;
import dev.isthmus.workers.exec.Layout;
import dev.isthmus.workers.exec.Records;
import dev.isthmus.workers.io.Checkpoint;
import dev.isthmus.workers.io.Safetensors;
import dev.isthmus.workers.models.Mlp;
import dev.isthmus.workers.report.Results;
import dev.isthmus.workers.store.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A corrupt or mismatched checkpoint fails only its own tasks; the rest keeps its results. */
class CheckpointFailureTest {

    @Test
    void corruptCheckpointFailsItsPairsAndTheOtherPairStillGetsItsCurve(@TempDir Path dir)
            throws Exception {
        Mlp mlp = new Mlp(20, List.of(16), 2); // sparse parity: 20 bits, 2 classes
        Safetensors.write(
                dir.resolve("a.safetensors"), new Checkpoint(Map.of(), mlp.initialise(1)));
        Safetensors.write(
                dir.resolve("b.safetensors"), new Checkpoint(Map.of(), mlp.initialise(2)));
        byte[] good = Files.readAllBytes(dir.resolve("b.safetensors"));
        Files.write(
                dir.resolve("c.safetensors"), Arrays.copyOf(good, good.length - 10)); // truncated
        Mlp wide = new Mlp(20, List.of(32), 2);
        Safetensors.write(
                dir.resolve("d.safetensors"), new Checkpoint(Map.of(), wide.initialise(3)));

        Path spec =
                Sweeps.write(
                        dir,
                        "broken",
                        "  model: {architecture: mlp, hidden: [16]}\n"
                                + "  dataset: {name: sparse-parity, bits: 20, relevant: 3, trainExamples: 100, evalExamples: 500}\n"
                                + "  endpoints:\n"
                                + "    checkpoints:\n"
                                + "      - {name: a, uri: a.safetensors}\n"
                                + "      - {name: b, uri: b.safetensors}\n"
                                + "      - {name: c, uri: c.safetensors}\n"
                                + "      - {name: d, uri: d.safetensors}\n"
                                + "  pairs: [[a, b], [a, c], [b, d]]\n"
                                + "  alphas: 5\n"
                                + "  execution: {parallelism: 2, retries: 2, threads: 1}\n");
        // Every failure comes from a checkpoint: bad input, which a re-run would repeat.
        assertEquals(
                IsthmusCommand.BAD_INPUT,
                IsthmusCommand.execute(
                        "run", spec.toString(), "--store", dir.resolve("runs").toString()));

        Results r =
                Json.read(
                        Files.readAllBytes(dir.resolve("runs/broken/results.json")),
                        Results.class,
                        "results");
        assertEquals(1, r.curves().size());
        assertEquals("b", r.curves().get(0).b());
        assertEquals(
                4,
                r.failures().size(),
                r.failures().toString()); // align-1, align-2, evaluate-1, evaluate-2
        Results.TaskFailure c = r.failures().get(0);
        assertEquals("align-1", c.task());
        assertTrue(
                c.message().contains("c.safetensors") && c.message().contains("truncated"),
                c.message());
        Results.TaskFailure d = r.failures().get(1);
        assertEquals("align-2", d.task());
        assertTrue(
                d.message().contains("d.safetensors")
                        && d.message()
                                .contains("layers.0.weight: expected shape [16, 20], got [32, 20]"),
                d.message());
        assertEquals("evaluate-1", r.failures().get(2).task());
        // Bad input is not retried: it would fail the same way.
        Records.Failure f =
                Json.read(
                        Files.readAllBytes(
                                dir.resolve("runs/broken")
                                        .resolve(
                                                Layout.failure(
                                                        Planner.plan(SweepLoader.load(spec))
                                                                .task("align-1")))),
                        Records.Failure.class,
                        "failure");
        assertEquals(1, f.attempts());
    }
}
