package dev.isthmus.workers.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import dev.isthmus.api.validation.BadInputException;
import dev.isthmus.workers.io.DType;
import dev.isthmus.workers.io.HostTensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A model's buffers (state that is not trained: BatchNorm running statistics): which arrays an
 * optimizer may touch, writing new buffer values, PyTorch's {@code reset_running_stats}, and the
 * int64 counters of a {@code state_dict}.
 */
public final class Buffers {
    /** PyTorch's default BatchNorm momentum in training. */
    public static final double MOMENTUM = 0.1;

    private Buffers() {}

    /** The arrays an optimizer trains: every array but the model's buffers, in name order. */
    public static List<NDArray> trainable(Model model, Params params) {
        Set<String> buffers = model.buffers();
        List<NDArray> out = new ArrayList<>();
        params.arrays()
                .forEach(
                        (name, a) -> {
                            if (!buffers.contains(name)) out.add(a);
                        });
        return out;
    }

    /** Copies {@code values} into the arrays of {@code params} with the same names, in place. */
    public static void assign(Params params, Map<String, NDArray> values) {
        values.forEach((name, v) -> params.get(name).set(new NDIndex("..."), v));
    }

    /** The same parameters with some arrays replaced by {@code values}. */
    public static Params with(Params params, Map<String, NDArray> values) {
        SortedMap<String, NDArray> arrays = new TreeMap<>(params.arrays());
        values.forEach(
                (name, v) -> {
                    if (!arrays.containsKey(name))
                        throw new BadInputException("no buffer named " + name);
                    arrays.put(name, v);
                });
        return new Params(arrays);
    }

    /**
     * New arrays for the model's BatchNorm statistics as {@code reset_running_stats} leaves them:
     * running means 0, running variances 1, counts 0 (the other arrays are not copied).
     */
    public static SortedMap<String, NDArray> resetRunningStats(Model model, Params params) {
        SortedMap<String, NDArray> out = new TreeMap<>();
        for (String name : model.buffers()) {
            NDArray a = params.get(name);
            if (name.endsWith(Norm.RUNNING_VAR)) out.put(name, a.onesLike());
            else if (name.endsWith(Norm.RUNNING_MEAN) || name.endsWith(Norm.NUM_BATCHES_TRACKED))
                out.put(name, a.zerosLike());
            else throw new BadInputException(name + " is not a BatchNorm statistic");
        }
        return out;
    }

    /**
     * Tensors as a PyTorch {@code state_dict} holds them: the model's integer buffers rounded to
     * int64, everything else as given.
     */
    public static SortedMap<String, HostTensor> stateDict(
            Model model, Map<String, HostTensor> tensors) {
        SortedMap<String, HostTensor> out = new TreeMap<>(tensors);
        for (String name : model.integerBuffers()) {
            HostTensor t = tensors.get(name);
            if (t == null || t.dtype() == DType.I64) continue;
            float[] v = t.toFloats();
            ByteBuffer bytes =
                    ByteBuffer.allocate(v.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            for (float x : v) bytes.putLong(Math.round((double) x));
            out.put(name, new HostTensor(DType.I64, t.shape(), bytes.array()));
        }
        return out;
    }
}
