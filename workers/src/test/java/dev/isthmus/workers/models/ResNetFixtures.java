package dev.isthmus.workers.models;

import dev.isthmus.workers.io.HostTensor;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;

/** Test networks: ResNets whose norms and BatchNorm statistics are random, not 1 and 0. */
public final class ResNetFixtures {
    private ResNetFixtures() {}

    /**
     * Freshly initialised parameters with every norm weight, bias and running statistic drawn at
     * random, so that a wrongly permuted norm changes the function.
     */
    public static SortedMap<String, HostTensor> jittered(ResNet model, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        SortedMap<String, HostTensor> out = new TreeMap<>();
        model.initialise(seed)
                .forEach(
                        (name, t) -> {
                            if (t.shape().length != 1 || name.startsWith("linear.")) {
                                out.put(name, t);
                                return;
                            }
                            float[] v = t.toFloats();
                            for (int i = 0; i < v.length; i++) {
                                double u = rng.nextDouble();
                                v[i] =
                                        (float)
                                                (name.endsWith("running_var")
                                                        ? 0.5 + 1.5 * u
                                                        : name.endsWith("weight")
                                                                ? 0.5 + u
                                                                : rng.nextGaussian() * 0.3);
                            }
                            out.put(name, HostTensor.ofFloats(t.shape(), v));
                        });
        return out;
    }
}
