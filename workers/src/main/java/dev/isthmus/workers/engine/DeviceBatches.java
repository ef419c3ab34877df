package dev.isthmus.workers.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.isthmus.workers.data.Split;
import java.util.ArrayList;
import java.util.List;

/** A split uploaded once to the device in fixed-size batches, reused for every evaluation. */
public final class DeviceBatches implements AutoCloseable {

    /** One batch: inputs (n, features) float32 and labels (n) int64. */
    public record Batch(NDArray x, NDArray y, int size) {}

    private final NDManager manager;
    private final List<Batch> batches = new ArrayList<>();
    private final int examples;

    public DeviceBatches(NDManager parent, Split split, int batchSize) {
        this.manager = parent.newSubManager();
        this.examples = split.size();
        for (int start = 0; start < split.size(); start += batchSize) {
            int n = Math.min(batchSize, split.size() - start);
            batches.add(upload(manager, split, start, n));
        }
    }

    /** Uploads rows {@code [start, start + n)} of {@code split}. */
    public static Batch upload(NDManager manager, Split split, int start, int n) {
        int f = split.features();
        float[] x = new float[n * f];
        System.arraycopy(split.x(), start * f, x, 0, n * f);
        long[] y = new long[n];
        for (int i = 0; i < n; i++) y[i] = split.y()[start + i];
        return new Batch(HostArrays.of(manager, x, new Shape(n, f)), HostArrays.of(manager, y), n);
    }

    /** Uploads the rows listed in {@code rows} (a shuffled minibatch). */
    public static Batch gather(NDManager manager, Split split, int[] rows, int from, int n) {
        int f = split.features();
        float[] x = new float[n * f];
        long[] y = new long[n];
        for (int i = 0; i < n; i++) {
            int r = rows[from + i];
            System.arraycopy(split.x(), r * f, x, i * f, f);
            y[i] = split.y()[r];
        }
        return new Batch(HostArrays.of(manager, x, new Shape(n, f)), HostArrays.of(manager, y), n);
    }

    public List<Batch> batches() {
        return batches;
    }

    public int examples() {
        return examples;
    }

    @Override
    public void close() {
        manager.close();
    }
}
