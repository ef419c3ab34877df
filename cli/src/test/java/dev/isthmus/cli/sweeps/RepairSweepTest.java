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

/**
 * REPAIR on real Fashion-MNIST MLPs (Jordan et al. 2022): rescaling the interpolated network's
 * hidden units to the interpolated endpoint statistics lowers the barrier, most of all after
 * alignment, and leaves the endpoints as they are.
 */
@Tag("slow")
class RepairSweepTest {

    @Test
    void repairLowersTheBarrierAndKeepsTheEndpoints(@TempDir Path dir) throws Exception {
        Path spec =
                Sweeps.write(
                        dir,
                        "repair",
                        "  model: {architecture: mlp, hidden: [256, 256]}\n"
                                + "  dataset: {name: fashion-mnist, trainExamples: 6000,"
                                + " evalExamples: 1000}\n"
                                + "  endpoints:\n"
                                + "    train: {seeds: [0, 1], epochs: 3}\n"
                                + "  alignments: [none, weight-matching]\n"
                                + "  paths: [linear, {type: linear, repair: repair}]\n"
                                + "  alphas: 9\n"
                                + "  metrics: [loss, accuracy, decomposition,"
                                + " {type: cka, examples: 300}]\n"
                                + "  execution: {parallelism: 1, retries: 0, threads: 1}\n");
        assertEquals(0, IsthmusCommand.execute("run", spec.toString(), "--store", dir.toString()));
        Results r =
                Json.read(
                        Files.readAllBytes(dir.resolve("repair/results.json")),
                        Results.class,
                        "results");
        assertEquals(List.of(), r.failures());
        for (String alignment : List.of("none", "weight-matching")) {
            Results.CurveResult plain = curve(r, alignment, "linear");
            Results.CurveResult repaired = curve(r, alignment, "linear+repair");
            System.out.printf(
                    "%s: loss barrier %.4f plain, %.4f repaired%n",
                    alignment, plain.lossBarrier().lin(), repaired.lossBarrier().lin());
            assertTrue(
                    repaired.lossBarrier().lin() < plain.lossBarrier().lin(),
                    alignment + ": " + repaired.lossBarrier() + " vs " + plain.lossBarrier());
            int last = plain.loss().length - 1;
            assertEquals(plain.loss()[0], repaired.loss()[0], 1e-4);
            assertEquals(plain.loss()[last], repaired.loss()[last], 1e-4);
            // The repaired path is still a path of networks: the decomposition stays exact.
            assertTrue(repaired.decomposition().maxResidual() <= 1e-9);
            assertEquals(300, repaired.similarity().examples());
        }
        assertTrue(
                curve(r, "weight-matching", "linear+repair").lossBarrier().lin() < 0.05,
                "aligned and repaired barrier");
    }

    private static Results.CurveResult curve(Results r, String alignment, String path) {
        return r.curves().stream()
                .filter(c -> c.alignment().equals(alignment) && c.path().equals(path))
                .findFirst()
                .orElseThrow();
    }
}
