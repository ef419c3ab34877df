package dev.isthmus.workers.align;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import dev.isthmus.api.spec.AlignmentSpec;
import dev.isthmus.workers.data.Dataset;
import dev.isthmus.workers.data.SparseParity;
import dev.isthmus.workers.engine.Compute;
import dev.isthmus.workers.engine.DeviceBatches;
import dev.isthmus.workers.io.HostTensor;
import dev.isthmus.workers.metrics.Barriers;
import dev.isthmus.workers.models.Mlp;
import dev.isthmus.workers.models.Params;
import dev.isthmus.workers.paths.Curve;
import dev.isthmus.workers.paths.PathEvaluator;
import dev.isthmus.workers.progress.Progress;
import java.util.List;
import java.util.SortedMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** B is a hidden permutation of A: both methods must find exactly its inverse. */
class PlantedPermutationTest {
    private final Dataset data = SparseParity.generate(30, 3, 2000, 1000, 4);
    private final Mlp mlp = new Mlp(data.features(), List.of(64, 48, 32), data.classes());

    @ParameterizedTest
    @CsvSource({"weight-matching,", "weight-matching,activation-matching", "activation-matching,"})
    void recoversThePlantedPermutationExactlyAndTheBarrierVanishes(
            String method, String warmStart) {
        SortedMap<String, HostTensor> a = mlp.initialise(11);
        var spec = mlp.permutationSpec();
        var planted = Permutations.random(spec.sizes(mlp.parameterShapes()), 5);
        SortedMap<String, HostTensor> b = Permutations.apply(spec, planted, a);

        AlignmentSpec how = new AlignmentSpec(method, 100, 1000, warmStart);
        try (NDManager m = Compute.manager(Device.cpu(), 1);
                DeviceBatches batches = new DeviceBatches(m, data.eval(), 500)) {
            Aligners.Outcome o = Aligners.align(m, mlp, how, 0, a, b, data::train);
            planted.forEach(
                    (p, q) ->
                            assertArrayEquals(
                                    Permutations.inverse(q), o.alignment().perms().get(p), p));
            assertEquals(a, o.aligned());
            assertTrue(o.distanceBefore() > 1);
            assertEquals(0.0, o.distanceAfter());

            Curve c =
                    PathEvaluator.linear(
                            mlp,
                            Params.upload(m, a),
                            Params.upload(m, o.aligned()),
                            batches,
                            5,
                            Progress.NONE);
            Barriers loss = Barriers.ofLoss(c);
            assertTrue(
                    Math.abs(loss.lin()) <= 1e-6 && Math.abs(loss.max()) <= 1e-6, loss.toString());
        }
    }
}
