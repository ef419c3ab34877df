package dev.isthmus.workers.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * Convolutional activations for activation matching and CKA: each example's mean over H×W per
 * channel, collected in chunks of examples so that only the means stay in memory.
 */
final class ChannelMeans {
    /** Examples per forward pass. */
    static final int CHUNK = 250;

    private ChannelMeans() {}

    /** (n, C, H, W) → (n, C). */
    static NDArray of(NDArray h) {
        Shape s = h.getShape();
        return h.reshape(s.get(0), s.get(1), -1).mean(new int[] {2});
    }

    /**
     * Runs {@code forward} on chunks of {@code x} (n, features); it adds (m, C) channel means per
     * permutation to the map it is given. Returns, per permutation, all of them stacked as rows in
     * a fixed order (chunk by chunk, then point by point), owned by the caller's scope.
     */
    static SortedMap<String, NDArray> collect(
            NDArray x, BiConsumer<NDArray, Map<String, List<NDArray>>> forward) {
        long n = x.getShape().get(0);
        Map<String, List<NDArray>> chunks = new TreeMap<>();
        for (long from = 0; from < n; from += CHUNK) {
            long to = Math.min(n, from + CHUNK);
            try (NDScope scope = new NDScope()) { // frees the chunk's forward pass
                scope.suppressNotUsedWarning();
                Map<String, List<NDArray>> acts = new TreeMap<>();
                forward.accept(x.get(new NDIndex("{}:{}", from, to)), acts);
                acts.forEach(
                        (perm, points) -> {
                            NDArray rows = NDArrays.concat(new NDList(points)); // (points·m, C)
                            NDScope.unregister(rows);
                            chunks.computeIfAbsent(perm, k -> new ArrayList<>()).add(rows);
                        });
            }
        }
        SortedMap<String, NDArray> out = new TreeMap<>();
        chunks.forEach(
                (perm, parts) -> {
                    NDArray all = parts.get(0);
                    if (parts.size() > 1) {
                        all = NDArrays.concat(new NDList(parts));
                        parts.forEach(NDArray::close);
                    }
                    NDScope.register(all);
                    out.put(perm, all);
                });
        return out;
    }
}
