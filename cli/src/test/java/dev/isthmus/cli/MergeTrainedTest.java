package dev.isthmus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.isthmus.workers.store.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code isthmus merge} of three Fashion-MNIST MLPs trained here from different seeds: aligned
 * merges beat the naive average, MergeMany's frame is cycle-consistent and independent pairwise
 * weight matching is not.
 */
@Tag("slow")
class MergeTrainedTest {

    @Test
    void alignedMergesBeatTheNaiveAverageAndPairwiseMatchingIsNotCycleConsistent(@TempDir Path dir)
            throws Exception {
        Path model = dir.resolve("model.yaml");
        Files.writeString(model, "architecture: mlp\nhidden: [64, 64]\n");
        Path data = dir.resolve("data.yaml");
        Files.writeString(data, "name: fashion-mnist\ntrainExamples: 6000\nevalExamples: 1000\n");
        List<String> files = new ArrayList<>();
        for (int seed = 0; seed < 3; seed++) {
            String f = dir.resolve("seed-" + seed + ".safetensors").toString();
            CliTest.Outcome t =
                    CliTest.run(
                            "train",
                            "--model",
                            model.toString(),
                            "--dataset",
                            data.toString(),
                            "--seed",
                            Integer.toString(seed),
                            "--epochs",
                            "2",
                            "--out",
                            f);
            assertEquals(0, t.code(), t.err());
            files.add(f);
        }
        JsonNode none = merge(dir, model, data, files, "none");
        JsonNode wm = merge(dir, model, data, files, "weight-matching");
        JsonNode many = merge(dir, model, data, files, "merge-many");

        double naive = none.get("evaluation").get("merged").get("loss").asDouble();
        assertEquals(naive, many.get("evaluation").get("naive").get("loss").asDouble(), 1e-12);
        for (JsonNode aligned : List.of(wm, many)) {
            double loss = aligned.get("evaluation").get("merged").get("loss").asDouble();
            assertTrue(loss < naive, aligned.get("alignment") + ": " + loss + " vs " + naive);
        }
        assertTrue(many.get("converged").asBoolean());
        assertTrue(many.get("iterations").asInt() >= 2, many.get("iterations").toString());

        for (JsonNode r : List.of(wm, many)) {
            JsonNode cycles = r.get("cycles");
            assertEquals(1, cycles.get("pairwise").size(), "3 checkpoints make one triple");
            assertEquals(0.0, cycles.get("frameMean").asDouble(), "one frame: consistent");
            assertTrue(
                    cycles.get("pairwiseMean").asDouble() > 0,
                    "independent pairwise matching of trained nets: " + cycles);
            assertEquals(2, cycles.get("pairwise").get(0).get("groups").size());
        }
    }

    private static JsonNode merge(
            Path dir, Path model, Path data, List<String> files, String alignment)
            throws Exception {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "merge",
                                "--model",
                                model.toString(),
                                "--dataset",
                                data.toString(),
                                "--alignment",
                                alignment,
                                "--cycles",
                                "--out",
                                dir.resolve(alignment + ".safetensors").toString()));
        args.addAll(files);
        CliTest.Outcome o = CliTest.run(args.toArray(String[]::new));
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("mean over 1 triples: pairwise "), o.out());
        return Json.MAPPER.readTree(dir.resolve(alignment + ".json").toFile());
    }
}
