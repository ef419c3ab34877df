package dev.isthmus.cli.sweeps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isthmus.cli.IsthmusCommand;
import dev.isthmus.workers.metrics.PathEnsemble;
import dev.isthmus.workers.report.Results;
import dev.isthmus.workers.store.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real sweep of two Fashion-MNIST MLPs with the ensemble along each path: its members at the ends
 * are the curve's own ends (to the bit, with and without REPAIR), two ends averaged are the ends'
 * ensemble, and the report has the table.
 */
@Tag("slow")
class EnsembleSweepTest {
    private static final String BODY =
            "  model: {architecture: mlp, hidden: [64]}\n"
                    + "  dataset: {name: fashion-mnist, trainExamples: 3000, evalExamples: 500}\n"
                    + "  endpoints:\n"
                    + "    train: {seeds: [0, 1], epochs: 2}\n"
                    + "  alignments: [none, weight-matching]\n"
                    + "  paths: [linear, {type: linear, repair: repair}]\n"
                    + "  alphas: 5\n"
                    + "  metrics: [loss, accuracy, {type: ensemble, points: 5}]\n"
                    + "  execution: {parallelism: 1, retries: 0, threads: 1}\n";

    @Test
    void ensembleAlongEachPathOfTwoSeeds(@TempDir Path dir) throws Exception {
        Path spec = Sweeps.write(dir, "ensemble", BODY);
        assertEquals(0, IsthmusCommand.execute("run", spec.toString(), "--store", dir.toString()));
        Path run = dir.resolve("ensemble");
        Results r = Json.read(Files.readAllBytes(run.resolve("results.json")), Results.class, "r");
        assertEquals(List.of(), r.failures());
        assertEquals(4, r.curves().size());
        for (Results.CurveResult c : r.curves()) {
            PathEnsemble.Result e = c.ensemble();
            assertNotNull(e, c.alignment() + " " + c.path());
            assertEquals(5, e.alphas().length);
            int last = c.alphas().length - 1;
            String what = c.alignment() + " " + c.path();
            assertEquals(c.loss()[0], e.memberLoss()[0], 0, what);
            assertEquals(c.accuracy()[0], e.memberAccuracy()[0], 0, what);
            assertEquals(c.loss()[last], e.memberLoss()[4], 0, what);
            assertEquals(c.accuracy()[last], e.memberAccuracy()[4], 0, what);
            // alphas 0.25, 0.5 and 0.75 are points of both the 5-alpha curve and the ensemble
            assertEquals(c.loss()[2], e.memberLoss()[2], 0, what);
            assertTrue(e.accuracy() > 0.5 && e.endpointsAccuracy() > 0.5, what + " " + e);
            System.out.printf(
                    "%s %s: ends %.4f %.4f, ends' ensemble %.4f, ensemble of 5 %.4f (loss %.4f"
                            + " vs %.4f)%n",
                    c.alignment(),
                    c.path(),
                    e.memberAccuracy()[0],
                    e.memberAccuracy()[4],
                    e.endpointsAccuracy(),
                    e.accuracy(),
                    e.endpointsLoss(),
                    e.loss());
        }
        String html = Files.readString(run.resolve("report.html"));
        assertTrue(html.contains("<h3>Ensembles along the path</h3>"), "report");
    }
}
