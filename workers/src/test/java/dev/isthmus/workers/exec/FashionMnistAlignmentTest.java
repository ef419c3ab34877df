package dev.isthmus.workers.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isthmus.workers.cli.IsthmusCommand;
import dev.isthmus.workers.report.Results;
import dev.isthmus.workers.store.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Git Re-Basin's result on real data: two independently trained 3×512 MLPs on Fashion-MNIST are
 * separated by a large loss barrier, which weight matching removes.
 */
class FashionMnistAlignmentTest {

    @Test
    void weightMatchingRemovesTheBarrierBetweenIndependentlyTrainedMlps(@TempDir Path dir)
            throws Exception {
        Path spec =
                Sweeps.write(
                        dir,
                        "rebasin",
                        "  model: {architecture: mlp, hidden: [512, 512, 512]}\n"
                                + "  dataset: {name: fashion-mnist}\n"
                                + "  endpoints:\n"
                                + "    train: {seeds: [0, 1], epochs: 3}\n"
                                + "  alignments: [none, weight-matching, activation-matching]\n"
                                + "  alphas: 11\n"
                                + "  metrics: [loss, accuracy, decomposition, attribution, cka]\n"
                                + "  execution: {parallelism: 2, retries: 0, threads: 1}\n");
        assertEquals(0, IsthmusCommand.execute("run", spec.toString(), "--store", dir.toString()));
        Results r =
                Json.read(
                        Files.readAllBytes(dir.resolve("rebasin/results.json")),
                        Results.class,
                        "results");
        assertEquals(List.of(), r.failures());

        double none = lin(r, "none");
        double wm = lin(r, "weight-matching");
        double am = lin(r, "activation-matching");
        assertTrue(none > 0.5, "unaligned barrier " + none);
        assertTrue(wm <= 0.05, "weight-matching barrier " + wm);
        assertTrue(wm * 20 <= none, "weight matching " + wm + " vs none " + none);
        assertTrue(am <= 0.1, "activation-matching barrier " + am);

        Results.AlignmentResult a =
                r.alignments().stream()
                        .filter(x -> x.method().equals("weight-matching"))
                        .findFirst()
                        .orElseThrow();
        assertTrue(a.sweeps() >= 2 && a.sweeps() < 100, "sweeps " + a.sweeps());
        assertTrue(a.distanceAfter() < a.distanceBefore(), a.toString());
        try (var files = Files.list(dir.resolve("rebasin/aligned"))) {
            assertEquals(2, files.filter(f -> f.toString().endsWith(".safetensors")).count());
        }
    }

    private static double lin(Results r, String alignment) {
        return r.curves().stream()
                .filter(c -> c.alignment().equals(alignment))
                .findFirst()
                .orElseThrow()
                .lossBarrier()
                .lin();
    }
}
