package dev.isthmus.workers.align;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.isthmus.workers.engine.Compute;
import dev.isthmus.workers.io.HostTensor;
import dev.isthmus.workers.models.Mlp;
import dev.isthmus.workers.models.Params;
import dev.isthmus.workers.models.PermutationSpec;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PermutationsTest {

    @Test
    void permuteAxisTakesAlongThatAxisOnly() {
        float[] x = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}; // shape (2, 3, 2)
        long[] shape = {2, 3, 2};
        assertArrayEquals(
                new float[] {6, 7, 8, 9, 10, 11, 0, 1, 2, 3, 4, 5},
                Permutations.permuteAxis(x, shape, 0, new int[] {1, 0}));
        assertArrayEquals(
                new float[] {4, 5, 0, 1, 2, 3, 10, 11, 6, 7, 8, 9},
                Permutations.permuteAxis(x, shape, 1, new int[] {2, 0, 1}));
        assertArrayEquals(
                new float[] {1, 0, 3, 2, 5, 4, 7, 6, 9, 8, 11, 10},
                Permutations.permuteAxis(x, shape, 2, new int[] {1, 0}));
        assertThrows(
                IllegalArgumentException.class,
                () -> Permutations.permuteAxis(x, shape, 1, new int[] {0, 1}));
    }

    @Test
    void inverseUndoesAPermutation() {
        int[] p = {3, 0, 2, 1};
        int[] inv = Permutations.inverse(p);
        for (int i = 0; i < p.length; i++) assertEquals(i, p[inv[i]]);
    }

    @Test
    void mlpSpecNamesEveryHiddenAxis() {
        PermutationSpec spec = new Mlp(5, List.of(4, 3), 2).permutationSpec();
        assertEquals(
                java.util.Arrays.asList("P_0", null), spec.axesToPerm().get("layers.0.weight"));
        assertEquals(List.of("P_1", "P_0"), spec.axesToPerm().get("layers.1.weight"));
        assertEquals(
                java.util.Arrays.asList(null, "P_1"), spec.axesToPerm().get("layers.2.weight"));
        assertEquals(
                java.util.Collections.singletonList(null), spec.axesToPerm().get("layers.2.bias"));
        assertEquals(
                List.of(
                        new PermutationSpec.Axis("layers.0.bias", 0),
                        new PermutationSpec.Axis("layers.0.weight", 0),
                        new PermutationSpec.Axis("layers.1.weight", 1)),
                spec.permToAxes().get("P_0"));
    }

    @Test
    void randomPermutationsLeaveTheLogitsUnchanged() {
        for (List<Integer> hidden : List.of(List.of(16), List.of(32, 24, 16))) {
            Mlp mlp = new Mlp(10, hidden, 4);
            SortedMap<String, HostTensor> a = mlp.initialise(3);
            PermutationSpec spec = mlp.permutationSpec();
            var q = Permutations.random(spec.sizes(mlp.parameterShapes()), 9);
            SortedMap<String, HostTensor> b = Permutations.apply(spec, q, a);
            try (NDManager m = Compute.manager(Device.cpu(), 1)) {
                float[] in = new float[50 * 10];
                SplittableRandom rng = new SplittableRandom(1);
                for (int i = 0; i < in.length; i++) in[i] = (float) rng.nextGaussian();
                NDArray x = m.create(in, new Shape(50, 10));
                float[] la = mlp.forward(Params.upload(m, a), x).toFloatArray();
                float[] lb = mlp.forward(Params.upload(m, b), x).toFloatArray();
                assertArrayEquals(la, lb, 1e-5f, hidden.toString());
                assertEquals(
                        false,
                        Map.copyOf(a).equals(Map.copyOf(b)),
                        "the permutation changed nothing");
            }
        }
    }
}
