package dev.isthmus.cli.sweeps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isthmus.cli.IsthmusCommand;
import dev.isthmus.workers.align.LayerNormFolding;
import dev.isthmus.workers.align.Permutations;
import dev.isthmus.workers.io.HostTensor;
import dev.isthmus.workers.io.Safetensors;
import dev.isthmus.workers.models.ResidualStream;
import dev.isthmus.workers.models.Transformer;
import dev.isthmus.workers.report.Results;
import dev.isthmus.workers.store.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the shipped example {@code examples/modular-addition-transformer.yaml} as it is (about a
 * minute on two cores): both transformers grok modular addition, and the aligned networks keep B's
 * function while orthogonal alignment brings B closer to A than weight matching does.
 */
@Tag("slow")
class TransformerExampleTest {
    private static final String NAME = "modular-addition-transformer";

    @Test
    void theExampleGroksAndAlignsAsTheReadmeSays(@TempDir Path dir) throws Exception {
        Path spec = Path.of("../examples/" + NAME + ".yaml");
        assertEquals(0, IsthmusCommand.execute("run", spec.toString(), "--store", dir.toString()));
        Path run = dir.resolve(NAME);
        Results r = Json.read(Files.readAllBytes(run.resolve("results.json")), Results.class, "r");
        assertEquals(List.of(), r.failures());
        for (Results.EndpointResult e : r.endpoints()) {
            assertTrue(e.evalAccuracy() > 0.95, e.name() + " test accuracy " + e.evalAccuracy());
        }
        double b = r.endpoints().get(1).evalLoss();
        for (Results.CurveResult c : r.curves()) { // the aligned B is B's function
            assertEquals(b, c.loss()[c.loss().length - 1], 2e-4, c.alignment());
        }
        assertTrue(lin(r, "orthogonal") < lin(r, "none"), "orthogonal lowers the barrier");

        ResidualStream stream = new Transformer(97, 1, 128, 4, 512).permutationSpec().residual();
        List<Path> endpoints = files(run.resolve("checkpoints"), "");
        Map<String, HostTensor> a = canonical(stream, endpoints.get(0));
        double none = Permutations.distance(a, canonical(stream, endpoints.get(1)));
        double wm = Permutations.distance(a, aligned(stream, run, "weight-matching"));
        double orthogonal = Permutations.distance(a, aligned(stream, run, "orthogonal"));
        System.out.printf(
                java.util.Locale.ROOT,
                "folded distance to A: none %.3f, weight-matching %.3f, orthogonal %.3f%n",
                none,
                wm,
                orthogonal);
        assertTrue(
                orthogonal < wm && wm < none,
                "distances between folded networks: none "
                        + none
                        + ", weight-matching "
                        + wm
                        + ", orthogonal "
                        + orthogonal);
    }

    private static double lin(Results r, String alignment) {
        return r.curves().stream()
                .filter(c -> c.alignment().equals(alignment))
                .findFirst()
                .orElseThrow()
                .lossBarrier()
                .lin();
    }

    private static Map<String, HostTensor> aligned(ResidualStream s, Path run, String method)
            throws IOException {
        return canonical(s, files(run.resolve("aligned"), "~" + method + "-").get(0));
    }

    private static Map<String, HostTensor> canonical(ResidualStream s, Path file) {
        return LayerNormFolding.canonical(s, Safetensors.read(file).tensors());
    }

    private static List<Path> files(Path dir, String containing) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> p.getFileName().toString().endsWith(".safetensors"))
                    .filter(p -> p.getFileName().toString().contains(containing))
                    .sorted()
                    .toList();
        }
    }
}
