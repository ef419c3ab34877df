package dev.isthmus.workers.align;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import dev.isthmus.workers.engine.Compute;
import dev.isthmus.workers.io.HostTensor;
import dev.isthmus.workers.merge.Average;
import dev.isthmus.workers.models.ResNet;
import dev.isthmus.workers.models.ResNetFixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

/**
 * MergeMany on hidden permutations of one ResNet (4-d convolutions, norms, BatchNorm statistics
 * left out of the costs and carried along): the merge of the copies is the first copy.
 */
class ResNetMergeManyTest {

    @Test
    void theMergeOfPermutedResNetsIsTheFirstOneStatisticsIncluded() {
        ResNet model = new ResNet(1, 10, 8, 1, "batchnorm");
        SortedMap<String, HostTensor> theta = ResNetFixtures.jittered(model, 4);
        var sizes = model.permutationSpec().sizes(model.parameterShapes());
        List<SortedMap<String, HostTensor>> copies = new ArrayList<>();
        for (int m = 0; m < 3; m++) {
            copies.add(
                    Permutations.apply(
                            model.permutationSpec(), Permutations.random(sizes, 30 + m), theta));
        }
        MergeMany.Result r;
        try (NDManager manager = Compute.manager(Device.cpu(), 1)) {
            r = MergeMany.run(manager, model, copies, new MergeMany.Options(20, 100, 2));
        }
        assertTrue(r.converged(), "iterations " + r.iterations());
        double[] third = {1.0 / 3, 1.0 / 3, 1.0 / 3};
        SortedMap<String, HostTensor> merged = Average.of(model, copies, r.perms(), third);
        assertEquals(copies.get(0).keySet(), merged.keySet());
        assertEquals(0.0, Permutations.distance(copies.get(0), merged), 1e-6);
        List<java.util.Map<String, int[]>> none =
                List.of(java.util.Map.of(), java.util.Map.of(), java.util.Map.of());
        double naive = Permutations.distance(copies.get(0), Average.of(model, copies, none, third));
        assertTrue(naive > 1, "the unaligned average is another network: " + naive);
    }
}
