package dev.isthmus.cli.sweeps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isthmus.cli.IsthmusCommand;
import dev.isthmus.workers.report.Results;
import dev.isthmus.workers.store.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A trained Bézier curve (Garipov et al. 2018) finds a lower path than the straight line. */
@Tag("slow")
class BezierSweepTest {

    @Test
    void fittedCurveHasALowerBarrierThanTheLine(@TempDir Path dir) throws Exception {
        Path spec =
                Sweeps.write(
                        dir,
                        "curved",
                        "  model: {architecture: mlp, hidden: [64]}\n"
                                + "  dataset: {name: fashion-mnist, trainExamples: 6000, evalExamples: 1000}\n"
                                + "  endpoints:\n"
                                + "    train: {seeds: [0, 1], epochs: 3}\n"
                                + "  paths: [linear, {type: bezier, epochs: 4, learningRate: 0.003}]\n"
                                + "  alphas: 9\n"
                                + "  execution: {parallelism: 1, retries: 0, threads: 1}\n");
        assertEquals(0, IsthmusCommand.execute("run", spec.toString(), "--store", dir.toString()));
        Results r =
                Json.read(
                        Files.readAllBytes(dir.resolve("curved/results.json")),
                        Results.class,
                        "results");
        assertEquals(List.of(), r.failures());
        assertEquals(2, r.curves().size());
        Results.CurveResult line = r.curves().get(0);
        Results.CurveResult curve = r.curves().get(1);
        assertEquals("bezier", curve.path());
        assertEquals(line.loss()[0], curve.loss()[0], 0.0); // same endpoints
        assertEquals(line.loss()[8], curve.loss()[8], 0.0);
        assertTrue(
                curve.lossBarrier().lin() < 0.5 * line.lossBarrier().lin(),
                "bezier " + curve.lossBarrier().lin() + " vs linear " + line.lossBarrier().lin());
        assertTrue(
                r.timings().keySet().stream().anyMatch(k -> k.startsWith("fit-curve-")),
                r.timings().toString());
    }
}
