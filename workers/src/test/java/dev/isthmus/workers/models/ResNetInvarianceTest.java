package dev.isthmus.workers.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.isthmus.workers.align.Permutations;
import dev.isthmus.workers.engine.Compute;
import dev.isthmus.workers.io.HostTensor;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The permutation spec is a true symmetry: permuting every group of a ResNet at random leaves its
 * logits unchanged, in evaluation and (with BatchNorm) in training mode, where the updated running
 * statistics come out permuted the same way.
 */
class ResNetInvarianceTest {

    @ParameterizedTest
    @ValueSource(strings = {"batchnorm", "layernorm", "none"})
    void aRandomPermutationOfEveryGroupKeepsTheFunction(String normalization) {
        ResNet model = new ResNet(1, 10, 14, 1, normalization); // identity and projection blocks
        PermutationSpec spec = model.permutationSpec();
        assertEquals(model.parameterShapes().keySet(), spec.axesToPerm().keySet());
        SortedMap<String, HostTensor> a = ResNetFixtures.jittered(model, 3);
        SortedMap<String, int[]> perms =
                Permutations.random(spec.sizes(model.parameterShapes()), 8);
        assertEquals(3 + 6, perms.size(), perms.keySet().toString()); // 3 streams, 6 blocks
        SortedMap<String, HostTensor> b = Permutations.apply(spec, perms, a);

        try (NDManager m = Compute.manager(Device.cpu(), 1)) {
            Params pa = Params.upload(m, a);
            Params pb = Params.upload(m, b);
            NDArray x = m.randomNormal(new Shape(6, 784)); // (n, 1·28·28)
            NDArray za = model.forward(pa, x);
            assertTrue(maxAbs(za) > 0.1, "logits should not vanish");
            assertClose(za, model.forward(pb, x), "evaluation logits");

            TrainForward ta = model.forwardTrain(pa, x, 0.1);
            TrainForward tb = model.forwardTrain(pb, x, 0.1);
            assertClose(ta.logits(), tb.logits(), "training-mode logits");
            assertEquals(model.buffers(), ta.buffers().keySet());
            if ("batchnorm".equals(normalization)) {
                assertTrue(maxAbs(ta.logits().sub(za)) > 1e-3, "batch statistics differ");
                Map<String, HostTensor> after = new Params(tb.buffers()).download();
                Map<String, HostTensor> expected =
                        Permutations.apply(spec, perms, new Params(ta.buffers()).download());
                expected.forEach(
                        (name, t) ->
                                assertArrayEquals(
                                        t.toFloats(), after.get(name).toFloats(), 1e-4f, name));
            }
        }
    }

    private static float maxAbs(NDArray x) {
        return x.abs().max().getFloat();
    }

    private static void assertClose(NDArray expected, NDArray actual, String what) {
        float scale = Math.max(1, maxAbs(expected));
        float diff = maxAbs(expected.sub(actual));
        assertTrue(diff <= 1e-5 * scale * 10, what + ": max difference " + diff);
    }
}
