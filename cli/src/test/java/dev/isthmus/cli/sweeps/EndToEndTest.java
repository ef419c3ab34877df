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

/** The whole local flow on real Fashion-MNIST, reduced in size. */
@Tag("slow")
class EndToEndTest {

    @Test
    void sweepOnFashionMnistGivesAccurateEndpointsAndFiniteBarriers(@TempDir Path dir)
            throws Exception {
        Path spec =
                Sweeps.write(
                        dir,
                        "e2e",
                        "  model: {architecture: mlp, hidden: [128]}\n"
                                + "  dataset: {name: fashion-mnist, trainExamples: 20000, evalExamples: 2000}\n"
                                + "  endpoints:\n"
                                + "    train: {seeds: [0, 1], epochs: 2, batchSize: 128}\n"
                                + "  alphas: 11\n"
                                + "  execution: {parallelism: 2, retries: 1, threads: 1}\n");
        assertEquals(0, IsthmusCommand.execute("run", spec.toString(), "--store", dir.toString()));

        Path run = dir.resolve("e2e");
        Results r =
                Json.read(
                        Files.readAllBytes(run.resolve("results.json")),
                        Results.class,
                        "results.json");
        assertEquals(Results.SCHEMA, r.schema());
        assertEquals(64, r.specHash().length());
        assertEquals(2000, r.evalExamples());
        assertEquals(List.of(), r.failures());
        assertEquals(2, r.endpoints().size());
        for (Results.EndpointResult e : r.endpoints()) {
            assertTrue(e.evalAccuracy() > 0.80, e.name() + " accuracy " + e.evalAccuracy());
            assertEquals(2, e.history().size());
            assertTrue(Files.exists(run.resolve(e.checkpoint())), e.checkpoint());
        }
        assertEquals(1, r.curves().size());
        Results.CurveResult c = r.curves().get(0);
        assertEquals(11, c.alphas().length);
        // The path's ends are the endpoints themselves.
        assertEquals(r.endpoints().get(0).evalLoss(), c.loss()[0]);
        assertEquals(r.endpoints().get(1).evalLoss(), c.loss()[10]);
        for (double v :
                new double[] {
                    c.lossBarrier().lin(),
                    c.lossBarrier().mean(),
                    c.lossBarrier().max(),
                    c.accuracyBarrier().lin(),
                    c.accuracyBarrier().mean(),
                    c.accuracyBarrier().max()
                }) {
            assertTrue(Double.isFinite(v));
        }
        // Independently trained MLPs without alignment are not linearly connected.
        assertTrue(c.lossBarrier().lin() > 0, "loss barrier " + c.lossBarrier().lin());
        assertEquals(1, r.summary().size());
        assertEquals(2 + 1 + 1, r.timings().size());

        List<String> csv = Files.readAllLines(run.resolve("curves.csv"));
        assertEquals("a,b,alignment,path,alpha,loss,accuracy", csv.get(0));
        assertEquals(1 + 11, csv.size());
        assertTrue(csv.get(1).startsWith("seed-0,seed-1,none,linear,0.0,"));
    }
}
