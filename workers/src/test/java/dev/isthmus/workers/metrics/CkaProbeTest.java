package dev.isthmus.workers.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import dev.isthmus.workers.data.Dataset;
import dev.isthmus.workers.data.SparseParity;
import dev.isthmus.workers.engine.Compute;
import dev.isthmus.workers.models.Mlp;
import dev.isthmus.workers.models.Params;
import dev.isthmus.workers.paths.LinearPath;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Per-layer CKA of A against the end of a path and against each of its points. */
class CkaProbeTest {
    private static final Dataset DATA = SparseParity.generate(20, 3, 100, 300, 3);
    private static final Mlp MLP = new Mlp(DATA.features(), List.of(16, 8), DATA.classes());

    @Test
    void aPathThatStaysAtAIsOneEverywhereOnTheExamplesAvailable() {
        try (NDManager m = Compute.manager(Device.cpu(), 1)) {
            Params a = Params.upload(m, MLP.initialise(1));
            double[] alphas = LinearPath.alphas(3);
            Similarity s = CkaProbe.measure(m, MLP, DATA.eval(), 10_000, a, x -> a, alphas);
            assertEquals(DATA.eval().size(), s.examples());
            assertEquals(2, s.layers().size());
            assertArrayEquals(new double[] {1, 1}, s.endpoints(), 1e-9);
            for (double[] layers : s.alongPath())
                assertArrayEquals(new double[] {1, 1}, layers, 1e-9);
        }
    }

    @Test
    void theLineToAnotherNetworkStartsAtOneAndEndsAtTheEndpointsValue() {
        try (NDManager m = Compute.manager(Device.cpu(), 1)) {
            Params a = Params.upload(m, MLP.initialise(1));
            Params b = Params.upload(m, MLP.initialise(2));
            Similarity s =
                    CkaProbe.measure(
                            m,
                            MLP,
                            DATA.eval(),
                            50,
                            a,
                            x -> LinearPath.at(a, b, x),
                            LinearPath.alphas(5));
            assertEquals(50, s.examples());
            assertArrayEquals(new double[] {1, 1}, s.alongPath()[0], 1e-9);
            assertArrayEquals(s.endpoints(), s.alongPath()[4], 0.0);
            for (double v : s.endpoints()) assertTrue(v < 1 - 1e-3, "unrelated networks: " + v);
        }
    }
}
