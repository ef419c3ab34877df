package dev.isthmus.workers.models.onnx;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.isthmus.api.validation.BadInputException;
import dev.isthmus.workers.engine.Compute;
import dev.isthmus.workers.io.HostTensor;
import dev.isthmus.workers.models.Model;
import dev.isthmus.workers.models.Params;
import dev.isthmus.workers.models.PermutationSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A network read from an ONNX file, run as a functional forward: the graph's nodes are applied in
 * order with DJL operations ({@link OnnxOps}) to the graph's input and a parameter map keyed by
 * initializer names. PyTorch's {@code torch.onnx.export} keeps {@code state_dict} names for them,
 * so a checkpoint is a safetensors file with the PyTorch names.
 *
 * <p>The parameters are the floating-point initializers; integer initializers (shapes, axes) stay
 * constants of the graph. The inputs 3 and 4 of a BatchNormalization are running statistics, which
 * are buffers; when they are named {@code X.running_mean} and {@code X.running_var}, the model also
 * expects PyTorch's int64 {@code X.num_batches_tracked}, which the graph does not read.
 *
 * <p>The permutation spec is inferred from the graph and proven on it ({@link #symmetry()}).
 *
 * <p>Not in this cut: training from seeds ({@link #initialise} refuses) and training-mode BatchNorm
 * ({@link #forwardTrain} is the inference forward).
 */
public final class OnnxModel implements Model {
    private static final String RUNNING_MEAN = ".running_mean";
    private static final String RUNNING_VAR = ".running_var";

    private final String source;
    private final OnnxGraph graph;
    private final SortedMap<String, long[]> shapes = new TreeMap<>();
    private final SortedMap<String, OnnxGraph.Tensor> constants = new TreeMap<>();
    private final Set<String> buffers = new java.util.TreeSet<>();
    private final Set<String> counters = new java.util.TreeSet<>();
    private final OnnxGraph.ValueInfo input;
    private final String output;
    private OnnxSymmetry symmetry;

    /** Examples per forward pass when collecting activations. */
    private static final int CHUNK = 250;

    /** Checks {@code graph} (every operator supported, one input) and names its parameters. */
    public OnnxModel(OnnxGraph graph, String source) {
        this.source = source;
        this.graph = graph;
        OnnxOps.check(graph, source);
        if (graph.inputs().size() != 1) {
            throw new BadInputException(
                    source
                            + ": expected a graph with one input (the batch), got "
                            + graph.inputs().size());
        }
        if (graph.outputs().isEmpty()) {
            throw new BadInputException(source + ": the graph has no output");
        }
        input = graph.inputs().get(0);
        output = graph.outputs().get(0).name();
        graph.initializers()
                .forEach(
                        (name, t) -> {
                            if (t.isFloat()) shapes.put(name, t.dims());
                            else constants.put(name, t);
                        });
        for (OnnxGraph.Node n : graph.nodes()) {
            if (!n.opType().equals("BatchNormalization")) continue;
            for (int i = 3; i <= 4; i++) {
                String name = n.input(i);
                if (name != null && shapes.containsKey(name)) buffers.add(name);
            }
            String mean = n.input(3);
            if (mean != null && mean.endsWith(RUNNING_MEAN)) {
                String counter =
                        mean.substring(0, mean.length() - RUNNING_MEAN.length())
                                + ".num_batches_tracked";
                if (!graph.initializers().containsKey(counter)) {
                    shapes.put(counter, new long[0]);
                    buffers.add(counter);
                    counters.add(counter);
                }
            }
        }
    }

    /** Reads, decodes and checks an ONNX file; {@code source} names it in messages. */
    public static OnnxModel load(Path file, String source) {
        return new OnnxModel(OnnxReader.read(file, source), source);
    }

    public OnnxGraph graph() {
        return graph;
    }

    @Override
    public SortedMap<String, long[]> parameterShapes() {
        return java.util.Collections.unmodifiableSortedMap(shapes);
    }

    /** The graph's own values of its parameters (its initializers), with zero counters. */
    public SortedMap<String, HostTensor> initializers() {
        SortedMap<String, HostTensor> out = new TreeMap<>();
        for (String name : shapes.keySet()) {
            OnnxGraph.Tensor t = graph.initializers().get(name);
            out.put(
                    name,
                    t == null
                            ? HostTensor.ofFloats(new long[0], new float[1])
                            : HostTensor.ofFloats(t.dims(), t.floats()));
        }
        return out;
    }

    /** Refused in this cut: an ONNX graph's endpoints are checkpoints, not trained from seeds. */
    @Override
    public SortedMap<String, HostTensor> initialise(long seed) {
        throw new BadInputException(
                source
                        + ": an onnx model is not trained from seeds yet; give its endpoints as"
                        + " endpoints.checkpoints");
    }

    @Override
    public NDArray forward(Params params, NDArray x) {
        return values(params, x).get(output);
    }

    /**
     * Every value the graph computes for a batch, by ONNX value name, in node order: the
     * intermediate activations, the graph's input (reshaped) and its outputs.
     */
    public Map<String, NDArray> values(Params params, NDArray x) {
        NDManager m = x.getManager();
        Map<String, NDArray> values = new LinkedHashMap<>();
        values.put(input.name(), batch(x));
        constants.forEach((name, t) -> values.put(name, OnnxOps.upload(t, m)));
        for (String name : shapes.keySet()) {
            if (graph.initializers().containsKey(name)) values.put(name, params.get(name));
        }
        for (OnnxGraph.Node n : graph.nodes()) {
            List<NDArray> out = OnnxOps.apply(n, values, m);
            for (int i = 0; i < out.size(); i++) values.put(n.outputs().get(i), out.get(i));
        }
        return values;
    }

    /** (n, features) → (n, the graph input's other dimensions) when they hold as many. */
    private NDArray batch(NDArray x) {
        if (input.elemType() == OnnxGraph.Tensor.INT64 && !x.getDataType().isInteger()) {
            x = x.toType(DataType.INT64, false); // token ids stored as floats by a dataset
        }
        long[] want = input.shape();
        long[] have = x.getShape().getShape();
        if (want.length == have.length && want.length > 0) {
            boolean same = true;
            for (int i = 1; i < want.length; i++) same &= want[i] == -1 || want[i] == have[i];
            if (same) return x;
        }
        long per = 1;
        for (int i = 1; i < want.length; i++) per *= want[i];
        long features = 1;
        for (int i = 1; i < have.length; i++) features *= have[i];
        if (want.length == 0 || per != features || per <= 0) {
            throw new BadInputException(
                    source
                            + ": the graph's input "
                            + input.name()
                            + " has shape "
                            + Arrays.toString(want)
                            + ", which the dataset's examples of shape "
                            + Arrays.toString(Arrays.copyOfRange(have, 1, have.length))
                            + " do not fill");
        }
        long[] shape = want.clone();
        shape[0] = have[0];
        return x.reshape(new Shape(shape));
    }

    /**
     * The graph's permutation symmetry, inferred from its nodes and proven on its initializers
     * ({@link OnnxSymmetry}); computed once.
     */
    public synchronized OnnxSymmetry symmetry() {
        if (symmetry == null) {
            try (NDManager m = Compute.cpuManager()) {
                symmetry = OnnxSymmetry.of(this, m);
            }
        }
        return symmetry;
    }

    /** The inferred spec; a graph with no group at all is refused, saying why. */
    @Override
    public PermutationSpec permutationSpec() {
        OnnxSymmetry s = symmetry();
        if (s.groups().isEmpty()) {
            StringBuilder why = new StringBuilder();
            for (OnnxSymmetry.Dropped d : s.dropped()) {
                if (why.length() > 0) why.append("; ");
                why.append("the output of ").append(d.producer()).append(' ').append(d.reason());
                if (why.length() > 300) break;
            }
            throw new BadInputException(
                    source
                            + ": no permutation symmetry was found in this graph"
                            + (why.length() > 0 ? " (" + why + ")" : "")
                            + ", so it cannot be aligned; use alignment none");
        }
        return s.spec();
    }

    /**
     * Each group's units where a product reads them (the input of the next Gemm, MatMul or Conv):
     * (n, width), averaged over every other axis (positions, pixels) as the built-in models'
     * channel means.
     */
    @Override
    public SortedMap<String, NDArray> activations(Params params, NDArray x) {
        List<OnnxSymmetry.Group> groups = symmetry().groups();
        if (groups.isEmpty()) permutationSpec();
        long n = x.getShape().get(0);
        Map<String, List<NDArray>> parts = new TreeMap<>();
        for (long from = 0; from < n; from += CHUNK) {
            NDArray chunk =
                    x.get(
                            new ai.djl.ndarray.index.NDIndex(
                                    "{}:{}", from, Math.min(n, from + CHUNK)));
            Map<String, NDArray> values = values(params, chunk);
            for (OnnxSymmetry.Group g : groups) {
                if (g.value() == null) {
                    throw new BadInputException(
                            source
                                    + ": group "
                                    + g.name()
                                    + " is read by no product, so it has no activations; use"
                                    + " weight-matching");
                }
                parts.computeIfAbsent(g.name(), k -> new ArrayList<>())
                        .add(unitsLast(values.get(g.value()), g.valueAxis()));
            }
        }
        SortedMap<String, NDArray> out = new TreeMap<>();
        parts.forEach(
                (name, list) ->
                        out.put(
                                name,
                                list.size() == 1
                                        ? list.get(0)
                                        : ai.djl.ndarray.NDArrays.concat(
                                                new ai.djl.ndarray.NDList(list))));
        return out;
    }

    /** (n, …, units on {@code axis}, …) → (n, units), the mean over every other axis. */
    private static NDArray unitsLast(NDArray v, int axis) {
        int rank = v.getShape().dimension();
        if (rank == 2 && axis == 1) return v;
        int[] order = new int[rank];
        int j = 0;
        order[j++] = 0;
        for (int i = 1; i < rank; i++) if (i != axis) order[j++] = i;
        order[j] = axis;
        NDArray t = v.transpose(order);
        Shape s = t.getShape();
        return t.reshape(s.get(0), -1, s.get(rank - 1)).mean(new int[] {1});
    }

    @Override
    public Set<String> buffers() {
        return java.util.Collections.unmodifiableSet(buffers);
    }

    @Override
    public Set<String> integerBuffers() {
        return java.util.Collections.unmodifiableSet(counters);
    }

    @Override
    public String describe() {
        long count = 0;
        for (var e : shapes.entrySet()) {
            if (buffers.contains(e.getKey())) continue;
            long n = 1;
            for (long d : e.getValue()) n *= d;
            count += n;
        }
        return "onnx " + source + ": " + graph.nodes().size() + " nodes, " + count + " parameters";
    }
}
