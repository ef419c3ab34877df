package dev.isthmus.workers.models.onnx;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.isthmus.api.validation.BadInputException;
import dev.isthmus.workers.io.HostTensor;
import dev.isthmus.workers.models.Mlp;
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
 * <p>Not in this cut: training from seeds ({@link #initialise} refuses), symmetry inference (a
 * graph whose parameters are exactly those of the built-in {@code mlp} gets its permutation spec;
 * any other refuses), and training-mode BatchNorm ({@link #forwardTrain} is the inference forward).
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

    /** The built-in mlp whose parameters are exactly this graph's, if there is one. */
    private Mlp asMlp() {
        List<Integer> hidden = new ArrayList<>();
        int layers = 0;
        while (shapes.containsKey(Mlp.weight(layers))) layers++;
        if (layers < 2 || shapes.size() != 2 * layers) return null;
        long inputs = shapes.get(Mlp.weight(0)).length == 2 ? shapes.get(Mlp.weight(0))[1] : -1;
        for (int i = 0; i < layers; i++) {
            long[] w = shapes.get(Mlp.weight(i));
            long[] b = shapes.get(Mlp.bias(i));
            if (w.length != 2 || b == null || b.length != 1 || b[0] != w[0]) return null;
            if (i > 0 && w[1] != shapes.get(Mlp.weight(i - 1))[0]) return null;
            if (i < layers - 1) hidden.add((int) w[0]);
        }
        return new Mlp((int) inputs, hidden, (int) shapes.get(Mlp.weight(layers - 1))[0]);
    }

    @Override
    public PermutationSpec permutationSpec() {
        Mlp mlp = asMlp();
        if (mlp == null) {
            throw new BadInputException(
                    source
                            + ": no permutation spec for this graph yet (inferring one is not"
                            + " implemented; a graph whose parameters are an mlp's"
                            + " layers.{i}.weight and layers.{i}.bias gets the mlp's)");
        }
        return mlp.permutationSpec();
    }

    /**
     * For an mlp-shaped graph, each hidden group's units: the output of the node after the {@code
     * Gemm} or {@code MatMul} that reads {@code layers.i.weight} (its activation).
     */
    @Override
    public SortedMap<String, NDArray> activations(Params params, NDArray x) {
        Mlp mlp = asMlp();
        if (mlp == null) permutationSpec();
        Map<String, NDArray> values = values(params, x);
        SortedMap<String, NDArray> out = new TreeMap<>();
        for (int i = 0; i < mlp.layers() - 1; i++) {
            out.put(Mlp.perm(i), values.get(unitsOf(Mlp.weight(i))));
        }
        return out;
    }

    private String unitsOf(String weight) {
        String value = null;
        for (OnnxGraph.Node n : graph.nodes()) {
            if (n.inputs().contains(weight)) value = n.outputs().get(0);
        }
        if (value == null) {
            throw new BadInputException(source + ": no node reads " + weight);
        }
        for (OnnxGraph.Node n : graph.nodes()) {
            if (n.inputs().size() == 1 && n.inputs().get(0).equals(value)) {
                return n.outputs().get(0);
            }
        }
        return value;
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
