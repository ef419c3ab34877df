package dev.isthmus.workers.models;

import dev.isthmus.workers.io.HostTensor;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** (1 − α)·a + α·b on host tensors, for tests that compare points of two paths. */
public final class LinearPathParams {
    private LinearPathParams() {}

    public static SortedMap<String, HostTensor> at(
            Map<String, HostTensor> a, Map<String, HostTensor> b, double alpha) {
        SortedMap<String, HostTensor> out = new TreeMap<>();
        a.forEach(
                (name, x) -> {
                    float[] u = x.toFloats();
                    float[] v = b.get(name).toFloats();
                    float[] w = new float[u.length];
                    for (int i = 0; i < w.length; i++)
                        w[i] = (float) ((1 - alpha) * u[i] + alpha * v[i]);
                    out.put(name, HostTensor.ofFloats(x.shape(), w));
                });
        return out;
    }
}
