package dev.isthmus.workers.models;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import dev.isthmus.workers.io.HostTensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A multilayer perceptron with ReLU, parameters {@code layers.{i}.weight} (out, in) and {@code
 * layers.{i}.bias} (out) as in a PyTorch {@code nn.ModuleList} of {@code nn.Linear} named {@code
 * layers}. Initialisation follows {@code nn.Linear}'s default: U(-1/√fan_in, 1/√fan_in).
 */
public final class Mlp implements Model, AffineLayers {
    private final int[] widths; // input, hidden..., classes

    public Mlp(int inputs, List<Integer> hidden, int classes) {
        widths = new int[hidden.size() + 2];
        widths[0] = inputs;
        for (int i = 0; i < hidden.size(); i++) widths[i + 1] = hidden.get(i);
        widths[widths.length - 1] = classes;
    }

    public int layers() {
        return widths.length - 1;
    }

    @Override
    public SortedMap<String, long[]> parameterShapes() {
        SortedMap<String, long[]> shapes = new TreeMap<>();
        for (int i = 0; i < layers(); i++) {
            shapes.put(weight(i), new long[] {widths[i + 1], widths[i]});
            shapes.put(bias(i), new long[] {widths[i + 1]});
        }
        return shapes;
    }

    @Override
    public SortedMap<String, HostTensor> initialise(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        SortedMap<String, HostTensor> out = new TreeMap<>();
        for (int i = 0; i < layers(); i++) {
            int in = widths[i];
            int outs = widths[i + 1];
            double bound = 1.0 / Math.sqrt(in);
            out.put(weight(i), uniform(rng, new long[] {outs, in}, bound));
            out.put(bias(i), uniform(rng, new long[] {outs}, bound));
        }
        return out;
    }

    private static HostTensor uniform(SplittableRandom rng, long[] shape, double bound) {
        long elements = 1;
        for (long d : shape) elements = Math.multiplyExact(elements, d);
        int n = Math.toIntExact(elements); // admission refuses larger tensors before any work
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) ((rng.nextDouble() * 2 - 1) * bound);
        return HostTensor.ofFloats(shape, v);
    }

    @Override
    public NDArray forward(Params params, NDArray x) {
        NDArray h = x; // (n, in)
        for (int i = 0; i < layers(); i++) {
            NDArray w = params.get(weight(i)); // (out, in)
            h = h.matMul(w.transpose()).add(params.get(bias(i))); // (n, out)
            if (i < layers() - 1) h = Activation.relu(h);
        }
        return h;
    }

    /**
     * {@code P_i} permutes the units of hidden layer {@code i}: rows of layer i, columns of i+1.
     */
    @Override
    public PermutationSpec permutationSpec() {
        SortedMap<String, List<String>> axes = new TreeMap<>();
        for (int i = 0; i < layers(); i++) {
            String out = i < layers() - 1 ? perm(i) : null;
            String in = i > 0 ? perm(i - 1) : null;
            axes.put(weight(i), java.util.Arrays.asList(out, in));
            axes.put(bias(i), java.util.Collections.singletonList(out));
        }
        return new PermutationSpec(axes);
    }

    @Override
    public SortedMap<String, NDArray> activations(Params params, NDArray x) {
        SortedMap<String, NDArray> out = new TreeMap<>();
        NDArray h = x; // (n, in)
        for (int i = 0; i < layers() - 1; i++) {
            h =
                    Activation.relu(
                            h.matMul(params.get(weight(i)).transpose()).add(params.get(bias(i))));
            out.put(perm(i), h); // (n, width_i)
        }
        return out;
    }

    /** Every hidden layer {@code layers.i} (all but the classifier). */
    @Override
    public List<AffineLayers.Layer> affineLayers() {
        List<AffineLayers.Layer> out = new ArrayList<>();
        for (int i = 0; i < layers() - 1; i++) {
            out.add(new AffineLayers.Layer("layers." + i, weight(i), bias(i)));
        }
        return out;
    }

    @Override
    public java.util.Map<String, NDArray> preActivations(Params params, NDArray x) {
        java.util.Map<String, NDArray> out = new java.util.LinkedHashMap<>();
        NDArray h = x; // (n, in)
        for (int i = 0; i < layers() - 1; i++) {
            NDArray z = h.matMul(params.get(weight(i)).transpose()).add(params.get(bias(i)));
            out.put("layers." + i, z); // (n, width_i)
            h = Activation.relu(z);
        }
        return out;
    }

    public static String perm(int hiddenLayer) {
        return "P_" + hiddenLayer;
    }

    @Override
    public String describe() {
        return "mlp "
                + java.util.Arrays.stream(widths)
                        .mapToObj(Integer::toString)
                        .collect(Collectors.joining("-"));
    }

    public static String weight(int layer) {
        return "layers." + layer + ".weight";
    }

    public static String bias(int layer) {
        return "layers." + layer + ".bias";
    }

    /** Widths as a list: inputs, hidden widths, classes. */
    public List<Integer> widths() {
        List<Integer> w = new ArrayList<>();
        for (int x : widths) w.add(x);
        return w;
    }
}
