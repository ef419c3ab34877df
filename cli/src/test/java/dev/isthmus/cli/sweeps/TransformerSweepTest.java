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

/** A small transformer sweep runs every stage and metric, with both transformer alignments. */
@Tag("slow")
class TransformerSweepTest {

    @Test
    void everyStageAndMetricRunsOnATransformer(@TempDir Path dir) throws Exception {
        Path spec =
                Sweeps.write(
                        dir,
                        "tiny-transformer",
                        "  model: {architecture: transformer, layers: 2, dModel: 16, heads: 2,"
                                + " dMlp: 32}\n"
                                + "  dataset: {name: modular-addition, modulus: 13}\n"
                                + "  endpoints:\n"
                                + "    train: {seeds: [0, 1], epochs: 3, batchSize: 32,"
                                + " weightDecay: 0.1}\n"
                                + "  alignments: [none, weight-matching, orthogonal]\n"
                                + "  paths: [linear, {type: bezier, epochs: 1}]\n"
                                + "  alphas: 5\n"
                                + "  metrics: [loss, accuracy, decomposition, attribution, cka]\n"
                                + "  execution: {parallelism: 1, retries: 0, threads: 1}\n");
        assertEquals(0, IsthmusCommand.execute("run", spec.toString(), "--store", dir.toString()));
        Results r =
                Json.read(
                        Files.readAllBytes(dir.resolve("tiny-transformer/results.json")),
                        Results.class,
                        "results");
        assertEquals(List.of(), r.failures());
        assertEquals(6, r.curves().size());
        for (Results.CurveResult c : r.curves()) {
            assertTrue(c.decomposition().maxResidual() <= 1e-9, c.alignment());
            assertEquals(List.of("P_0_mlp", "P_1_mlp"), c.similarity().layers());
        }
    }
}
