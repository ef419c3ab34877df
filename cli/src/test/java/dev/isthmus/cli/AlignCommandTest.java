package dev.isthmus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isthmus.workers.align.Permutations;
import dev.isthmus.workers.io.Checkpoint;
import dev.isthmus.workers.io.Safetensors;
import dev.isthmus.workers.models.Mlp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code isthmus align} on files. */
class AlignCommandTest {

    @Test
    void alignsAPermutedCopyBackOntoTheOriginal(@TempDir Path dir) throws Exception {
        Mlp mlp = new Mlp(30, List.of(40, 20), 7); // sizes the model file does not say
        var a = mlp.initialise(1);
        var spec = mlp.permutationSpec();
        var b =
                Permutations.apply(
                        spec, Permutations.random(spec.sizes(mlp.parameterShapes()), 2), a);
        Safetensors.write(dir.resolve("a.safetensors"), new Checkpoint(Map.of(), a));
        Safetensors.write(dir.resolve("b.safetensors"), new Checkpoint(Map.of("format", "pt"), b));
        Path model = dir.resolve("model.json");
        Files.writeString(model, "{\"architecture\": \"mlp\", \"hidden\": [40, 20]}");

        CliTest.Outcome o =
                CliTest.run(
                        "align",
                        "--model",
                        model.toString(),
                        "--a",
                        dir.resolve("a.safetensors").toString(),
                        "--b",
                        dir.resolve("b.safetensors").toString(),
                        "--method",
                        "weight-matching",
                        "--out",
                        dir.resolve("b_aligned.safetensors").toString());
        assertEquals(0, o.code(), o.err());
        for (String line : new String[] {"sweeps ", "objective ", "L2 distance ", "seconds "}) {
            assertTrue(o.out().contains(line), o.out());
        }
        assertTrue(o.out().contains("-> 0.000000"), o.out());
        Checkpoint aligned = Safetensors.read(dir.resolve("b_aligned.safetensors"));
        assertEquals(a, aligned.tensors());
        assertEquals("weight-matching", aligned.metadata().get("isthmus.alignment"));
        assertEquals("pt", aligned.metadata().get("format"));
    }

    @Test
    void aCheckpointThatDoesNotFitTheModelIsRejectedWithTensorAndShapes(@TempDir Path dir)
            throws Exception {
        Safetensors.write(
                dir.resolve("a.safetensors"),
                new Checkpoint(Map.of(), new Mlp(30, List.of(40, 20), 7).initialise(1)));
        Safetensors.write(
                dir.resolve("b.safetensors"),
                new Checkpoint(Map.of(), new Mlp(30, List.of(40, 24), 7).initialise(1)));
        Path model = dir.resolve("model.yaml");
        Files.writeString(model, "architecture: mlp\nhidden: [40, 20]\n");
        CliTest.Outcome o =
                CliTest.run(
                        "align",
                        "--model",
                        model.toString(),
                        "--a",
                        dir.resolve("a.safetensors").toString(),
                        "--b",
                        dir.resolve("b.safetensors").toString(),
                        "--out",
                        dir.resolve("x.safetensors").toString());
        assertEquals(2, o.code());
        assertTrue(
                o.err().contains("b.safetensors")
                        && o.err()
                                .contains("layers.1.weight: expected shape [20, 40], got [24, 40]"),
                o.err());
        assertTrue(Files.notExists(dir.resolve("x.safetensors")));
    }
}
