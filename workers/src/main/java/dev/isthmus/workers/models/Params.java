package dev.isthmus.workers.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.isthmus.api.validation.BadInputException;
import dev.isthmus.workers.engine.HostArrays;
import dev.isthmus.workers.io.Checkpoint;
import dev.isthmus.workers.io.HostTensor;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BiFunction;

/** A named map of parameter arrays on one device; paths and alignments build new ones freely. */
public final class Params {
    private final SortedMap<String, NDArray> arrays;

    public Params(SortedMap<String, NDArray> arrays) {
        this.arrays = Collections.unmodifiableSortedMap(new TreeMap<>(arrays));
    }

    public NDArray get(String name) {
        NDArray a = arrays.get(name);
        if (a == null) throw new BadInputException("no parameter named " + name);
        return a;
    }

    public SortedMap<String, NDArray> arrays() {
        return arrays;
    }

    /** Uploads host tensors (converted to float32) into {@code manager}. */
    public static Params upload(NDManager manager, Map<String, HostTensor> tensors) {
        SortedMap<String, NDArray> out = new TreeMap<>();
        tensors.forEach(
                (name, t) -> {
                    NDArray a = HostArrays.of(manager, t.toFloats(), new Shape(t.shape()));
                    a.setName(name);
                    out.put(name, a);
                });
        return new Params(out);
    }

    /** Copies every array back to the host as float32. */
    public SortedMap<String, HostTensor> download() {
        SortedMap<String, HostTensor> out = new TreeMap<>();
        arrays.forEach(
                (name, a) ->
                        out.put(
                                name,
                                HostTensor.ofFloats(
                                        a.getShape().getShape(),
                                        a.toType(DataType.FLOAT32, false).toFloatArray())));
        return out;
    }

    public Checkpoint toCheckpoint(Map<String, String> metadata) {
        return new Checkpoint(new TreeMap<>(metadata), download());
    }

    /** Combines two parameter maps name by name. */
    public Params zip(Params other, BiFunction<NDArray, NDArray, NDArray> f) {
        SortedMap<String, NDArray> out = new TreeMap<>();
        arrays.forEach((name, a) -> out.put(name, f.apply(a, other.get(name))));
        return new Params(out);
    }
}
