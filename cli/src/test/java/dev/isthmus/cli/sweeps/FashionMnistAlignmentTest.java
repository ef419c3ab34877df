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
 * Git Re-Basin's result on real data: two independently trained 3×512 MLPs on Fashion-MNIST are
 * separated by a large loss barrier, which weight matching removes.
 */
@Tag("slow")
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

        // The exact decomposition on a real trained pair: the identity to rounding, J >= 0.
        for (Results.CurveResult c : r.curves()) {
            var d = c.decomposition();
            assertTrue(d.maxResidual() <= 1e-9, c.alignment() + " residual " + d.maxResidual());
            for (double j : d.meanJ()) assertTrue(j >= 0);
            for (int v : d.boundViolations()) assertEquals(0, v);
        }
        var naive = r.curves().get(0).decomposition().attribution();
        assertEquals(r.curves().get(0).lossBarrier().lin(), naive.barrier(), 1e-3);
        double top35 = naive.topShares().get("top35");
        assertTrue(top35 > 0.35 && top35 <= 1.5, "top-35% share " + top35);
        try (var files = Files.list(dir.resolve("rebasin/curves"))) {
            assertEquals(3, files.filter(f -> f.toString().endsWith("-examples.csv")).count());
        }

        // CKA ignores permutations of units: the endpoints are as similar before as after
        // alignment; along the path, alignment keeps the midpoint's representations close to A.
        var plain = r.curves().get(0).similarity();
        var aligned = r.curves().get(1).similarity();
        assertEquals(3, plain.layers().size());
        for (int l = 0; l < 3; l++) {
            assertEquals(plain.endpoints()[l], aligned.endpoints()[l], 1e-6);
            assertEquals(1.0, aligned.alongPath()[0][l], 1e-9);
            assertTrue(aligned.alongPath()[5][l] > plain.alongPath()[5][l], "layer " + l);
        }

        String report = Files.readString(dir.resolve("rebasin/report.html"));
        for (String plot :
                new String[] {"loss", "accuracy", "decomposition", "attribution", "cka"}) {
            assertTrue(report.contains("<canvas id=\"" + plot + "\">"), plot);
        }

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
