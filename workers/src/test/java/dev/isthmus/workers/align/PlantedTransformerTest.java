package dev.isthmus.workers.align;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import dev.isthmus.api.spec.AlignmentSpec;
import dev.isthmus.workers.data.Dataset;
import dev.isthmus.workers.data.ModularAddition;
import dev.isthmus.workers.engine.Compute;
import dev.isthmus.workers.engine.DeviceBatches;
import dev.isthmus.workers.io.HostTensor;
import dev.isthmus.workers.metrics.Barriers;
import dev.isthmus.workers.models.Mlp;
import dev.isthmus.workers.models.Params;
import dev.isthmus.workers.models.PermutationSpec;
import dev.isthmus.workers.models.Transformer;
import dev.isthmus.workers.models.TransformerFixtures;
import dev.isthmus.workers.paths.PathEvaluator;
import dev.isthmus.workers.progress.Progress;
import java.util.List;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

/**
 * B is A moved by a hidden symmetry: permutations only (weight matching must undo them exactly), or
 * permutations, a rotation of the residual stream and another LayerNorm parametrisation (orthogonal
 * must undo them to float precision, weight matching cannot).
 */
class PlantedTransformerTest {
    private final Dataset data = ModularAddition.generate(11, 0.5, 0);
    private final Transformer t = TransformerFixtures.small();
    private final PermutationSpec spec = t.permutationSpec();
    private final SortedMap<String, HostTensor> a = TransformerFixtures.params(t, 1);

    private Aligners.Outcome align(String method, SortedMap<String, HostTensor> b) {
        try (NDManager m = Compute.manager(Device.cpu(), 1)) {
            return Aligners.align(
                    m,
                    t,
                    new AlignmentSpec(
                            method, method.equals("weight-matching") ? 100 : null, null, null),
                    0,
                    a,
                    b,
                    data::train);
        }
    }

    private Barriers lossBarrier(SortedMap<String, HostTensor> b) {
        try (NDManager m = Compute.manager(Device.cpu(), 1);
                DeviceBatches batches = new DeviceBatches(m, data.eval(), 100)) {
            return Barriers.ofLoss(
                    PathEvaluator.linear(
                            t,
                            Params.upload(m, a),
                            Params.upload(m, b),
                            batches,
                            9,
                            Progress.NONE));
        }
    }

    @Test
    void weightMatchingUndoesPlantedPermutationsOfUnitsHeadsAndTheStreamExactly() {
        var planted = BlockAssignment.random(spec, spec.sizes(t.parameterShapes()), 7);
        SortedMap<String, HostTensor> b = Permutations.apply(spec, planted, a);
        Aligners.Outcome o = align("weight-matching", b);
        assertEquals(a, o.aligned());
        assertTrue(o.distanceBefore() > 1);
        planted.forEach(
                (p, q) ->
                        org.junit.jupiter.api.Assertions.assertArrayEquals(
                                Permutations.inverse(q), o.alignment().perms().get(p), p));
        Barriers loss = lossBarrier(o.aligned());
        assertTrue(Math.abs(loss.lin()) <= 1e-6, loss.toString());
    }

    @Test
    void orthogonalUndoesPermutationsARotationAndAnotherLayerNormGauge() {
        var stream = spec.residual();
        var others = spec.without(stream.group());
        var perms = BlockAssignment.random(others, others.sizes(t.parameterShapes()), 8);
        double[] q = Procrustes.fixingOnes(TransformerSymmetryTest.gaussian(16 * 16, 9), 16);
        var moved =
                OrthogonalMatching.rotate(
                        Permutations.apply(others, perms, LayerNormFolding.canonical(stream, a)),
                        OrthogonalMatching.streamAxes(spec, stream),
                        q);
        SortedMap<String, HostTensor> b =
                LayerNormFolding.inGaugeOf(stream, moved, TransformerFixtures.params(t, 2));
        float[] want = TransformerFixtures.logits(t, a, 11);
        assertTrue(
                TransformerFixtures.relativeError(want, TransformerFixtures.logits(t, b, 11))
                        < 2e-5,
                "the plant is a symmetry");

        Aligners.Outcome o = align("orthogonal", b);
        assertTrue(o.distanceAfter() < 1e-4 * o.distanceBefore(), o.toString());
        Barriers loss = lossBarrier(o.aligned());
        System.out.println(
                +o.distanceBefore()
                        + " "
                        + o.distanceAfter()
                        + " "
                        + loss
                        + " "
                        + o.alignment().sweeps());
        assertTrue(Math.abs(loss.lin()) < 1e-4 && Math.abs(loss.max()) < 1e-4, loss.toString());

        Aligners.Outcome wm = align("weight-matching", b);
        assertTrue(
                wm.distanceAfter() > 0.3 * wm.distanceBefore(),
                "permutations alone cannot undo a rotation: " + wm.distanceAfter());
    }

    @Test
    void orthogonalIsNeverWorseThanWeightMatchingOnUnrelatedNetworks() {
        SortedMap<String, HostTensor> b = TransformerFixtures.params(t, 3);
        var stream = spec.residual();
        var ac = LayerNormFolding.canonical(stream, a);
        var bc = LayerNormFolding.canonical(stream, b);
        double wm;
        try (NDManager m = Compute.manager(Device.cpu(), 1)) {
            wm =
                    WeightMatching.run(m, spec, ac, bc, new WeightMatching.Options(100, 0, null))
                            .objective();
        }
        Aligners.Outcome o = align("orthogonal", b);
        assertTrue(o.alignment().objective() >= wm - 1e-6 * Math.abs(wm), o + " vs " + wm);
        assertTrue(o.alignment().objective() > wm, "a rotation finds more than a permutation");
        assertTrue(o.alignment().sweeps() >= 4, "each start runs until a round gains nothing");
        float[] want = TransformerFixtures.logits(t, b, 11);
        assertTrue(
                TransformerFixtures.relativeError(
                                want, TransformerFixtures.logits(t, o.aligned(), 11))
                        < 2e-5,
                "the aligned B computes B's function");
    }

    @Test
    void methodsWithoutTheSymmetryExplainThemselves() {
        Mlp mlp = new Mlp(8, List.of(6), 3);
        try (NDManager m = Compute.manager(Device.cpu(), 1)) {
            var e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () ->
                                    Aligners.align(
                                            m,
                                            mlp,
                                            AlignmentSpec.of("orthogonal"),
                                            0,
                                            mlp.initialise(0),
                                            mlp.initialise(1),
                                            data::train));
            assertEquals(
                    "orthogonal rotates a transformer's residual stream, and mlp 8-6-3 has no"
                            + " orthogonal symmetry (use weight-matching)",
                    e.getMessage());
        }
        var e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> align("activation-matching", TransformerFixtures.params(t, 4)));
        assertEquals(
                "activation-matching needs per-unit activations for every permutation group,"
                        + " which the attention heads and residual stream of "
                        + t.describe()
                        + " do not have (use weight-matching or orthogonal)",
                e.getMessage());
    }
}
