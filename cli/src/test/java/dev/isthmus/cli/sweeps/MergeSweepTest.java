package dev.isthmus.cli.sweeps;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.isthmus.cli.IsthmusCommand;
import dev.isthmus.workers.align.Permutations;
import dev.isthmus.workers.io.Checkpoint;
import dev.isthmus.workers.io.Safetensors;
import dev.isthmus.workers.models.Mlp;
import dev.isthmus.workers.report.Results;
import dev.isthmus.workers.store.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spec.merges}: merge tasks of all endpoints, their records, results.json and the report.
 */
class MergeSweepTest {

    @Test
    void aSweepOfPermutedCopiesMergesThemBackIntoTheFirst(@TempDir Path dir) throws Exception {
        Mlp mlp = new Mlp(784, List.of(32, 16), 10);
        var theta = mlp.initialise(3);
        var sizes = mlp.permutationSpec().sizes(mlp.parameterShapes());
        StringBuilder checkpoints = new StringBuilder();
        for (int m = 0; m < 3; m++) {
            var copy =
                    m == 0
                            ? theta
                            : Permutations.apply(
                                    mlp.permutationSpec(), Permutations.random(sizes, m), theta);
            Safetensors.write(dir.resolve("c" + m + ".safetensors"), Checkpoint.of(copy));
            checkpoints
                    .append(m == 0 ? "" : ", ")
                    .append("{name: c" + m + ", uri: c" + m + ".safetensors}");
        }
        Path spec =
                Sweeps.write(
                        dir,
                        "copies",
                        "  model: {architecture: mlp, hidden: [32, 16]}\n"
                                + "  dataset: {name: fashion-mnist, trainExamples: 500,"
                                + " evalExamples: 300}\n"
                                + "  endpoints: {checkpoints: ["
                                + checkpoints
                                + "]}\n"
                                + "  alphas: 3\n"
                                + "  merges: [merge-many, {alignment: none, cycles: true}]\n"
                                + "  execution: {parallelism: 1, retries: 0, threads: 1}\n");
        assertEquals(0, IsthmusCommand.execute("run", spec.toString(), "--store", dir.toString()));
        Path run = dir.resolve("copies");
        Results r = Json.read(Files.readAllBytes(run.resolve("results.json")), Results.class, "r");
        assertEquals(List.of(), r.failures());
        assertEquals(2, r.merges().size());
        Results.MergeResult many = r.merges().get(0);
        assertEquals("merge-many", many.alignment());
        assertEquals(
                List.of("c0", "c1", "c2"), many.members().stream().map(m -> m.endpoint()).toList());
        assertEquals(many.members().get(0).evaluation(), many.merged());
        assertNull(many.cycleError());
        assertEquals(0.0, r.merges().get(1).cycleError(), "permuted copies match exactly pairwise");
        assertTrue(r.merges().get(1).merged().loss() != many.merged().loss());

        Checkpoint merged = Safetensors.read(run.resolve(many.checkpoint()));
        assertEquals(theta, merged.tensors());
        JsonNode record = Json.MAPPER.readTree(run.resolve(many.record()).toFile());
        for (int m = 0; m < 3; m++) {
            JsonNode s = record.get("sources").get(m);
            assertEquals("c" + m, s.get("name").asText());
            assertEquals(sha256(dir.resolve("c" + m + ".safetensors")), s.get("sha256").asText());
        }
        assertEquals(
                sha256(run.resolve(many.checkpoint())),
                record.get("output").get("sha256").asText());
        String html = Files.readString(run.resolve("report.html"));
        assertTrue(html.contains("<h2>Merges of all endpoints</h2>"), "report has the merges");
        assertTrue(html.contains("<tr><td>merge-many</td><td>none</td>"), "a row per merge");
    }

    @Tag("slow")
    @Test
    void threeTrainedSeedsMergeBetterAlignedThanNaivelyWithTheSameBytesInParallel(@TempDir Path dir)
            throws Exception {
        String body =
                "  model: {architecture: mlp, hidden: [64]}\n"
                        + "  dataset: {name: fashion-mnist, trainExamples: 3000, evalExamples:"
                        + " 500}\n"
                        + "  endpoints:\n"
                        + "    train: {seeds: [0, 1, 2], epochs: 2}\n"
                        + "  alphas: 3\n"
                        + "  merges: [{alignment: merge-many, cycles: true}, {alignment:"
                        + " weight-matching, weights: [1, 1, 2]}]\n"
                        + "  execution: {parallelism: 1, retries: 0, threads: 1}\n";
        Path serial = Sweeps.write(Files.createDirectory(dir.resolve("s")), "merges", body);
        Path parallel =
                Sweeps.write(
                        Files.createDirectory(dir.resolve("p")),
                        "merges",
                        body.replace("parallelism: 1", "parallelism: 2"));
        for (Path spec : List.of(serial, parallel)) {
            assertEquals(
                    0,
                    IsthmusCommand.execute(
                            "run", spec.toString(), "--store", spec.getParent().toString()));
        }
        Path s = dir.resolve("s/merges");
        Results r = Json.read(Files.readAllBytes(s.resolve("results.json")), Results.class, "r");
        assertEquals(List.of(), r.failures());
        for (Results.MergeResult m : r.merges()) {
            assertTrue(m.merged().loss() < m.naive().loss(), m.toString());
            assertTrue(m.converged(), m.toString());
            assertArrayEquals(
                    Files.readAllBytes(s.resolve(m.checkpoint())),
                    Files.readAllBytes(dir.resolve("p/merges").resolve(m.checkpoint())),
                    "a parallel run gives the same merged bytes");
        }
        assertTrue(r.merges().get(0).iterations() >= 2);
        assertNotNull(r.merges().get(0).cycleError());
        assertTrue(r.merges().get(0).cycleError() > 0, "pairwise matching of trained nets");
        assertEquals(0.5, r.merges().get(1).members().get(2).weight());
        assertEquals(
                r.endpoints().get(0).evalLoss(),
                r.merges().get(0).members().get(0).evaluation().loss(),
                1e-12);
    }

    private static String sha256(Path f) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
    }
}
