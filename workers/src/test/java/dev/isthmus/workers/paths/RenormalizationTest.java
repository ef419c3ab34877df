package dev.isthmus.workers.paths;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.isthmus.workers.engine.Compute;
import dev.isthmus.workers.models.Mlp;
import dev.isthmus.workers.models.Params;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** REPAIR's defining property: repaired layers carry the interpolated endpoint statistics. */
class RenormalizationTest {

    private static final Mlp MLP = new Mlp(12, List.of(32, 24, 16), 5);

    @Test
    void everyHiddenLayerGetsTheInterpolatedEndpointStatistics() {
        try (NDManager m = Compute.manager(Device.cpu(), 1)) {
            NDArray x = inputs(m, 400);
            Params a = Params.upload(m, MLP.initialise(1));
            Params b = Params.upload(m, MLP.initialise(2));
            Repair repair = new Renormalization(MLP, x, a, b);
            double alpha = 0.3;
            Params repaired = repair.apply(LinearPath.at(a, b, alpha), alpha);

            Map<String, NDArray> za = MLP.preActivations(a, x);
            Map<String, NDArray> zb = MLP.preActivations(b, x);
            Map<String, NDArray> zr = MLP.preActivations(repaired, x);
            Map<String, NDArray> plain = MLP.preActivations(LinearPath.at(a, b, alpha), x);
            for (String layer : za.keySet()) {
                var sa = Renormalization.stats(za.get(layer));
                var sb = Renormalization.stats(zb.get(layer));
                var sr = Renormalization.stats(zr.get(layer));
                float[] mean = sr.mean().toFloatArray();
                float[] std = sr.std().toFloatArray();
                float[] ma = sa.mean().toFloatArray();
                float[] mb = sb.mean().toFloatArray();
                float[] da = sa.std().toFloatArray();
                float[] db = sb.std().toFloatArray();
                for (int u = 0; u < mean.length; u++) {
                    assertEquals(0.7 * ma[u] + 0.3 * mb[u], mean[u], 1e-4, layer + " mean " + u);
                    // BatchNorm's eps (1e-5) under the square root: close, not exact, for
                    // units with tiny variance.
                    double expected = 0.7 * da[u] + 0.3 * db[u];
                    assertEquals(expected, std[u], 1e-4 + 1e-2 * expected, layer + " std " + u);
                }
                // Plain interpolation shrinks the spread below the endpoints' (the collapse).
                float[] plainStd = Renormalization.stats(plain.get(layer)).std().toFloatArray();
                double shrunk = 0, target = 0;
                for (int u = 0; u < std.length; u++) {
                    shrunk += plainStd[u];
                    target += std[u];
                }
                assertTrue(shrunk < target, layer + ": " + shrunk + " vs " + target);
            }
        }
    }

    @Test
    void atTheEndpointsTheNetworkIsUnchanged() {
        try (NDManager m = Compute.manager(Device.cpu(), 1)) {
            NDArray x = inputs(m, 300);
            Params a = Params.upload(m, MLP.initialise(3));
            Params b = Params.upload(m, MLP.initialise(4));
            Repair repair = new Renormalization(MLP, x, a, b);
            assertClose(MLP.forward(a, x), MLP.forward(repair.apply(a, 0.0), x));
            assertClose(MLP.forward(b, x), MLP.forward(repair.apply(b, 1.0), x));
        }
    }

    @Test
    void theMergeFormOfTwoMembersIsTheInterpolationAtTheSecondsWeight() {
        try (NDManager m = Compute.manager(Device.cpu(), 1)) {
            NDArray x = inputs(m, 300);
            Params a = Params.upload(m, MLP.initialise(5));
            Params b = Params.upload(m, MLP.initialise(6));
            Params mid = LinearPath.at(a, b, 0.25);
            Params pair = new Renormalization(MLP, x, a, b).apply(mid, 0.25);
            Params merge =
                    Renormalization.ofMembers(MLP, x, List.of(a, b), new double[] {0.75, 0.25})
                            .apply(mid, 0.9); // alpha is ignored
            assertClose(MLP.forward(pair, x), MLP.forward(merge, x));
            assertTrue(
                    MLP.forward(mid, x).sub(MLP.forward(merge, x)).abs().max().getFloat() > 1e-2,
                    "the correction changed the network");
        }
    }

    @Test
    void noRepairIsTheIdentity() {
        try (NDManager m = Compute.manager(Device.cpu(), 1)) {
            Params a = Params.upload(m, MLP.initialise(3));
            assertEquals(a, Repair.NONE.apply(a, 0.5));
        }
    }

    private static void assertClose(NDArray expected, NDArray actual) {
        float[] e = expected.toFloatArray();
        float[] g = actual.toFloatArray();
        for (int i = 0; i < e.length; i++) assertEquals(e[i], g[i], 1e-4, "logit " + i);
    }

    private static NDArray inputs(NDManager m, int n) {
        SplittableRandom rng = new SplittableRandom(7);
        float[] v = new float[n * 12];
        for (int i = 0; i < v.length; i++) v[i] = (float) rng.nextGaussian();
        return m.create(v, new Shape(n, 12));
    }
}
