package dev.isthmus.workers.align;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import dev.isthmus.api.spec.AlignmentSpec;
import dev.isthmus.api.spec.DatasetSpec;
import dev.isthmus.workers.data.Datasets;
import dev.isthmus.workers.data.Split;
import dev.isthmus.workers.engine.Compute;
import dev.isthmus.workers.engine.DeviceBatches;
import dev.isthmus.workers.io.HostTensor;
import dev.isthmus.workers.metrics.Barriers;
import dev.isthmus.workers.models.Buffers;
import dev.isthmus.workers.models.Params;
import dev.isthmus.workers.models.ResNet;
import dev.isthmus.workers.models.ResNetFixtures;
import dev.isthmus.workers.paths.Curve;
import dev.isthmus.workers.paths.PathEvaluator;
import dev.isthmus.workers.paths.Repair;
import dev.isthmus.workers.paths.ResetBatchNorm;
import dev.isthmus.workers.progress.Progress;
import java.util.SortedMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * B is a hidden permutation of a ResNet A (4-d convolution weights, norms, BatchNorm statistics):
 * weight matching and activation matching find exactly its inverse, and the barrier vanishes.
 */
@Tag("slow")
class ResNetPlantedPermutationTest {
    private static final Split INPUTS =
            Datasets.load(
                            new DatasetSpec(
                                    "fashion-mnist", null, 300, 300, null, null, null, null, null),
                            null)
                    .train();

    @ParameterizedTest
    @ValueSource(strings = {"batchnorm", "layernorm", "none"})
    void weightMatchingRecoversThePlantedPermutation(String normalization) {
        ResNet model = new ResNet(1, 10, 14, 1, normalization); // identity and projection blocks
        checkRecovery(model, ResNetFixtures.jittered(model, 21), "weight-matching");
    }

    /**
     * Activation matching, on a BatchNorm network whose statistics are those of the inputs (as
     * after training or reset), where every unit is alive: at initialisation with other statistics,
     * or without BatchNorm, some ReLU units never fire on these inputs and can be matched in any
     * order.
     */
    @Test
    void activationMatchingRecoversThePlantedPermutation() {
        ResNet model = new ResNet(1, 10, 14, 1, "batchnorm");
        SortedMap<String, HostTensor> a;
        try (NDManager m = Compute.manager(Device.cpu(), 1)) {
            Params fresh = Params.upload(m, ResNetFixtures.jittered(model, 21));
            Repair reset = new ResetBatchNorm(m, model, INPUTS, 100, 3, 0);
            a = Buffers.stateDict(model, reset.apply(fresh, 0).download());
        }
        checkRecovery(model, a, "activation-matching");
    }

    private static void checkRecovery(
            ResNet model, SortedMap<String, HostTensor> a, String method) {
        var spec = model.permutationSpec();
        var planted = Permutations.random(spec.sizes(model.parameterShapes()), 5);
        SortedMap<String, HostTensor> b = Permutations.apply(spec, planted, a);

        AlignmentSpec how = new AlignmentSpec(method, 100, 300, null);
        try (NDManager m = Compute.manager(Device.cpu(), 1);
                DeviceBatches batches = new DeviceBatches(m, INPUTS, 150)) {
            Aligners.Outcome o = Aligners.align(m, model, how, 0, a, b, () -> INPUTS);
            planted.forEach(
                    (p, q) ->
                            assertArrayEquals(
                                    Permutations.inverse(q), o.alignment().perms().get(p), p));
            assertEquals(a, o.aligned()); // bit for bit, the int64 counters included
            assertTrue(o.distanceBefore() > 1);
            assertEquals(0.0, o.distanceAfter());

            Curve c =
                    PathEvaluator.linear(
                            model,
                            Params.upload(m, a),
                            Params.upload(m, o.aligned()),
                            batches,
                            5,
                            Progress.NONE);
            Barriers loss = Barriers.ofLoss(c);
            assertTrue(Math.abs(loss.lin()) < 1e-4 && Math.abs(loss.max()) < 1e-4, loss.toString());
        }
    }
}
