package dev.isthmus.cli.sweeps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.isthmus.cli.IsthmusCommand;
import dev.isthmus.workers.io.Checkpoint;
import dev.isthmus.workers.io.Safetensors;
import dev.isthmus.workers.models.Mlp;
import dev.isthmus.workers.report.Results;
import dev.isthmus.workers.store.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A checkpoint file replaced in place is noticed on the next run: no stale results. */
class ReplacedCheckpointTest {

    @Test
    void replacingACheckpointFileReevaluatesItsPairs(@TempDir Path dir) throws Exception {
        Mlp mlp = new Mlp(20, List.of(16), 2);
        Path a = dir.resolve("a.safetensors");
        Path b = dir.resolve("b.safetensors");
        Safetensors.write(a, new Checkpoint(Map.of(), mlp.initialise(1)));
        Safetensors.write(b, new Checkpoint(Map.of(), mlp.initialise(2)));
        Path spec =
                Sweeps.write(
                        dir,
                        "replaced",
                        "  model: {architecture: mlp, hidden: [16]}\n"
                                + "  dataset: {name: sparse-parity, bits: 20, relevant: 3, trainExamples: 100, evalExamples: 500}\n"
                                + "  endpoints:\n"
                                + "    checkpoints: [{name: a, uri: a.safetensors}, {name: b, uri: b.safetensors}]\n"
                                + "  alphas: 5\n");
        String store = dir.resolve("runs").toString();
        Path results = dir.resolve("runs/replaced/results.json");

        assertEquals(0, IsthmusCommand.execute("run", spec.toString(), "--store", store));
        double before = curveEnd(results);
        Safetensors.write(b, new Checkpoint(Map.of(), mlp.initialise(3)));
        assertEquals(0, IsthmusCommand.execute("run", spec.toString(), "--store", store));
        double after = curveEnd(results);
        assertNotEquals(before, after);

        // Writing the original back gives the original result again.
        Safetensors.write(b, new Checkpoint(Map.of(), mlp.initialise(2)));
        assertEquals(0, IsthmusCommand.execute("run", spec.toString(), "--store", store));
        assertEquals(before, curveEnd(results));
    }

    private static double curveEnd(Path results) throws Exception {
        Results r = Json.read(Files.readAllBytes(results), Results.class, "results.json");
        double[] loss = r.curves().get(0).loss();
        return loss[loss.length - 1];
    }
}
