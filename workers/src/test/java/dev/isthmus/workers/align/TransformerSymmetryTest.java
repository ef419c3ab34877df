package dev.isthmus.workers.align;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isthmus.workers.io.HostTensor;
import dev.isthmus.workers.models.LinearPathParams;
import dev.isthmus.workers.models.PermutationSpec;
import dev.isthmus.workers.models.Transformer;
import dev.isthmus.workers.models.TransformerFixtures;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Every symmetry the transformer's alignment uses leaves the logits unchanged, and the ones it does
 * not use (free permutations of head units, rotations without folding) do not: the structure is
 * needed, not decoration.
 */
class TransformerSymmetryTest {
    private static final double SAME = 2e-5; // float32 rounding, relative to the largest logit
    private static final double CHANGED = 1e-2;

    private final Transformer t = TransformerFixtures.small();
    private final PermutationSpec spec = t.permutationSpec();
    private final SortedMap<String, HostTensor> a = TransformerFixtures.params(t, 1);
    private final float[] logits = TransformerFixtures.logits(t, a, 11);

    private double error(Map<String, HostTensor> p) {
        return TransformerFixtures.relativeError(logits, TransformerFixtures.logits(t, p, 11));
    }

    @Test
    void permutationsOfMlpUnitsHeadsHeadDimensionsAndTheResidualStreamAreSymmetries() {
        var sizes = spec.sizes(t.parameterShapes());
        assertEquals(
                List.of("P_0_mlp", "P_0_qk", "P_0_vo", "P_1_mlp", "P_1_qk", "P_1_vo", "P_residual"),
                List.copyOf(sizes.keySet()));
        var perms = BlockAssignment.random(spec, sizes, 3);
        SortedMap<String, HostTensor> b = Permutations.apply(spec, perms, a);
        assertTrue(Permutations.distance(a, b) > 1);
        assertTrue(error(b) < SAME, "error " + error(b));
        for (List<String> step : spec.steps()) { // each family on its own
            var one = Permutations.identity(sizes);
            for (String group : step) one.put(group, perms.get(group));
            assertTrue(error(Permutations.apply(spec, one, a)) < SAME, step.toString());
        }
    }

    @Test
    void queriesAndValuesShareTheHeadOrder() {
        var sizes = spec.sizes(t.parameterShapes());
        var perms = BlockAssignment.random(spec, sizes, 3);
        assertEquals(List.of("P_0_qk", "P_0_vo"), spec.steps().get(1));
        var qkOnly = Permutations.identity(sizes);
        qkOnly.put("P_0_qk", perms.get("P_0_qk")); // heads move for queries/keys, not values
        assertTrue(error(Permutations.apply(spec, qkOnly, a)) > CHANGED);
    }

    @Test
    void headUnitsMustMoveInWholeHeads() {
        var sizes = spec.sizes(t.parameterShapes());
        var perms = Permutations.identity(sizes);
        perms.put("P_0_qk", new int[] {4, 1, 2, 3, 0, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15});
        assertTrue(error(Permutations.apply(spec, perms, a)) > CHANGED);
    }

    @Test
    void foldingLayerNormsKeepsTheFunctionAndCentresTheStream() {
        SortedMap<String, HostTensor> c = LayerNormFolding.canonical(spec.residual(), a);
        assertTrue(error(c) < SAME, "error " + error(c));
        for (float g : c.get("blocks.1.ln2.weight").toFloats()) assertEquals(1f, g);
        for (float g : c.get("ln_f.bias").toFloats()) assertEquals(0f, g);
        for (double m : AxisMatrix.of(c.get("blocks.0.mlp.fc2.weight"), 0).columnMeans()) {
            assertEquals(0, m, 1e-6);
        }
        for (double m : AxisMatrix.of(c.get("blocks.0.attn.q.weight"), 1).columnMeans()) {
            assertEquals(0, m, 1e-6);
        }
    }

    @Test
    void anOrthogonalMapFixingOnesIsASymmetryOfTheFoldedNetworkOnly() {
        var axes = OrthogonalMatching.streamAxes(spec, spec.residual());
        double[] q = Procrustes.fixingOnes(gaussian(16 * 16, 5), 16);
        SortedMap<String, HostTensor> c = LayerNormFolding.canonical(spec.residual(), a);
        double folded = error(OrthogonalMatching.rotate(c, axes, q));
        assertTrue(folded < SAME, "folded and rotated: " + folded);
        assertTrue(error(OrthogonalMatching.rotate(a, axes, q)) > CHANGED, "rotated unfolded");
        double[] any = Procrustes.orthogonal(gaussian(16 * 16, 6), 16); // moves 1
        assertTrue(error(OrthogonalMatching.rotate(c, axes, any)) > CHANGED, "Q·1 != 1");
    }

    @Test
    void theGaugeOfAReferenceKeepsTheFunctionAndTheStraightLine() {
        var stream = spec.residual();
        SortedMap<String, HostTensor> ca = LayerNormFolding.canonical(stream, a);
        assertTrue(Permutations.distance(a, LayerNormFolding.inGaugeOf(stream, ca, a)) < 1e-4);

        SortedMap<String, HostTensor> other = TransformerFixtures.params(t, 2);
        SortedMap<String, HostTensor> x = LayerNormFolding.canonical(stream, other);
        SortedMap<String, HostTensor> y = LayerNormFolding.inGaugeOf(stream, x, a);
        assertNotEquals(x, y);
        float[] want = TransformerFixtures.logits(t, other, 11);
        assertTrue(
                TransformerFixtures.relativeError(want, TransformerFixtures.logits(t, y, 11))
                        < SAME);
        for (double alpha : new double[] {0.3, 0.5}) {
            float[] line = TransformerFixtures.logits(t, LinearPathParams.at(a, y, alpha), 11);
            float[] canonicalLine =
                    TransformerFixtures.logits(t, LinearPathParams.at(ca, x, alpha), 11);
            double err = TransformerFixtures.relativeError(canonicalLine, line);
            assertTrue(err < SAME, "alpha " + alpha + ": " + err);
        }
    }

    static double[] gaussian(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] =
                    Math.sqrt(-2 * Math.log(1 - rng.nextDouble()))
                            * Math.cos(2 * Math.PI * rng.nextDouble());
        }
        return x;
    }
}
