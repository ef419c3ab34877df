package dev.isthmus.workers.align;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import dev.isthmus.api.spec.AlignmentSpec;
import dev.isthmus.workers.engine.Compute;
import dev.isthmus.workers.io.HostTensor;
import dev.isthmus.workers.models.ResNet;
import dev.isthmus.workers.models.ResNetFixtures;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * BatchNorm running statistics follow the permutations but are not weights: they must not steer
 * weight matching (running variances are large and would sort channels by variance) nor count in
 * its objective and distances.
 */
class ResNetWeightMatchingTest {

    @Test
    void batchNormStatisticsDoNotChangeThePermutationsFoundOrTheDistances() {
        ResNet model = new ResNet(1, 10, 8, 1, "batchnorm");
        SortedMap<String, HostTensor> a = ResNetFixtures.jittered(model, 1);
        SortedMap<String, HostTensor> b = ResNetFixtures.jittered(model, 2);
        SortedMap<String, HostTensor> loud = new TreeMap<>(b);
        for (String name : model.buffers()) {
            if (!name.endsWith("running_var")) continue;
            float[] v = b.get(name).toFloats();
            for (int i = 0; i < v.length; i++) v[i] *= 1000 * (i + 1);
            loud.put(name, HostTensor.ofFloats(b.get(name).shape(), v));
        }
        AlignmentSpec wm = new AlignmentSpec("weight-matching", 100, null, "none");
        try (NDManager m = Compute.manager(Device.cpu(), 1)) {
            Aligners.Outcome quiet = Aligners.align(m, model, wm, 0, a, b, () -> null);
            Aligners.Outcome noisy = Aligners.align(m, model, wm, 0, a, loud, () -> null);
            quiet.alignment()
                    .perms()
                    .forEach((p, q) -> assertArrayEquals(q, noisy.alignment().perms().get(p), p));
            assertEquals(quiet.alignment().objective(), noisy.alignment().objective(), 0.0);
            assertEquals(quiet.distanceBefore(), noisy.distanceBefore(), 0.0);
            assertEquals(quiet.distanceAfter(), noisy.distanceAfter(), 0.0);
            assertNotEquals(
                    quiet.aligned().get("bn1.running_var"), noisy.aligned().get("bn1.running_var"));
        }
    }
}
