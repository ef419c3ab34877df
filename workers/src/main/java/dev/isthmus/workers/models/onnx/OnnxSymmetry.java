package dev.isthmus.workers.models.onnx;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.isthmus.workers.align.Alignment;
import dev.isthmus.workers.align.Permutations;
import dev.isthmus.workers.align.WeightMatching;
import dev.isthmus.workers.engine.HostArrays;
import dev.isthmus.workers.io.HostTensor;
import dev.isthmus.workers.models.Params;
import dev.isthmus.workers.models.PermutationSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A graph's inferred permutation symmetry, proven on the graph: {@link SymmetryInference} proposes
 * groups from the nodes, then a random permutation drawn from them is applied to the graph's own
 * initializers and must leave the logits unchanged (to float tolerance). When the groups together
 * fail, each is tried alone and the ones that change the logits are dropped, naming their node.
 *
 * @param spec the permutation spec over every parameter, of the groups kept
 * @param groups the groups kept
 * @param dropped what is not a symmetry, and why
 * @param selfTestChange the largest change of a logit when every kept group is permuted at random
 * @param logitScale the largest logit of the self-test's batch (the tolerance is relative to it)
 */
public record OnnxSymmetry(
        PermutationSpec spec,
        List<Group> groups,
        List<Dropped> dropped,
        double selfTestChange,
        double logitScale) {

    /** Relative tolerance of the self-test: float32 sums in another order stay well inside it. */
    public static final double TOLERANCE = 1e-4;

    /** Examples in the trial batch. */
    private static final int BATCH = 4;

    /**
     * One group.
     *
     * @param name its permutation's name
     * @param producer the node whose output it is on
     * @param size units
     * @param axes the parameter axes it permutes
     * @param value a value carrying it, where a product reads it (its activation), or null
     * @param valueAxis the axis of {@code value}
     */
    public record Group(
            String name,
            String producer,
            int size,
            List<PermutationSpec.Axis> axes,
            String value,
            int valueAxis) {}

    /**
     * Joined axes that are not a symmetry.
     *
     * @param producer the node whose output carried them
     * @param axes their parameter axes
     * @param reason a sentence fragment: what pinned them, or what the self-test saw
     */
    public record Dropped(String producer, List<PermutationSpec.Axis> axes, String reason) {}

    /**
     * How a planted permutation was recovered.
     *
     * @param group the group
     * @param recovered units weight matching put back in place
     * @param size units
     */
    public record Recovery(String group, int recovered, int size) {}

    /** Infers and proves the symmetry of {@code model} on its own initializers. */
    static OnnxSymmetry of(OnnxModel model, NDManager parent) {
        try (NDManager m = parent.newSubManager()) {
            SortedMap<String, HostTensor> init = model.initializers();
            NDArray x = trialInput(model, m);
            Params p = Params.upload(m, init);
            Map<String, NDArray> values = model.values(p, x);
            Map<String, long[]> shapes = new HashMap<>();
            Map<String, long[]> ints = new HashMap<>();
            values.forEach(
                    (name, v) -> {
                        shapes.put(name, v.getShape().getShape());
                        if (v.getDataType().isInteger() && v.size() <= 64) {
                            ints.put(name, v.toType(DataType.INT64, false).toLongArray());
                        }
                    });
            init.forEach((name, t) -> shapes.putIfAbsent(name, t.shape()));
            SymmetryInference.Result r =
                    SymmetryInference.infer(model.graph(), model.parameterShapes(), shapes, ints);
            float[] base = model.forward(p, x).toFloatArray();
            double scale = 0;
            for (float f : base) scale = Math.max(scale, Math.abs(f));
            double tolerance = TOLERANCE * Math.max(1, scale);

            List<Group> kept = new ArrayList<>();
            List<Dropped> dropped = new ArrayList<>();
            for (SymmetryInference.Pinned pin : r.pinned()) {
                dropped.add(new Dropped(pin.producer(), pin.axes(), pin.reason()));
            }
            for (SymmetryInference.Group g : r.groups()) {
                kept.add(
                        new Group(
                                g.name(),
                                g.producer(),
                                g.size(),
                                g.axes(),
                                g.value(),
                                g.valueAxis()));
            }
            PermutationSpec spec = r.spec();
            double change = change(model, spec, init, x, base, m, 1);
            if (change > tolerance) { // find the groups that break it, one at a time
                for (Group g : List.copyOf(kept)) {
                    double alone = change(model, only(spec, g.name()), init, x, base, m, 2);
                    if (alone > tolerance) {
                        kept.remove(g);
                        spec = spec.without(g.name());
                        dropped.add(
                                new Dropped(
                                        g.producer(),
                                        g.axes(),
                                        String.format(
                                                "changed the logits by %.3g when permuted (the"
                                                        + " self-test allows %.3g)",
                                                alone, tolerance)));
                    }
                }
                change = change(model, spec, init, x, base, m, 1);
            }
            return new OnnxSymmetry(spec, List.copyOf(kept), List.copyOf(dropped), change, scale);
        }
    }

    /** A batch of the graph input's shape: uniform floats, or token ids 0 and 1. */
    private static NDArray trialInput(OnnxModel model, NDManager m) {
        OnnxGraph.ValueInfo in = model.graph().inputs().get(0);
        long[] shape = in.shape().clone();
        for (int i = 0; i < shape.length; i++) if (shape[i] <= 0) shape[i] = i == 0 ? BATCH : 3;
        long n = 1;
        for (long d : shape) n *= d;
        float[] v = new float[(int) n];
        SplittableRandom rng = new SplittableRandom(20261204L);
        boolean tokens = in.elemType() == OnnxGraph.Tensor.INT64;
        for (int i = 0; i < v.length; i++) v[i] = tokens ? i % 2 : (float) rng.nextDouble();
        return HostArrays.of(m, v, new Shape(shape));
    }

    /** The spec with every group but {@code group} removed. */
    private static PermutationSpec only(PermutationSpec spec, String group) {
        SortedMap<String, List<String>> axes = new TreeMap<>();
        spec.axesToPerm()
                .forEach(
                        (name, perms) ->
                                axes.put(
                                        name,
                                        perms.stream()
                                                .map(q -> group.equals(q) ? q : null)
                                                .toList()));
        return new PermutationSpec(axes);
    }

    /** The largest logit change under a random permutation of {@code spec}'s groups. */
    private static double change(
            OnnxModel model,
            PermutationSpec spec,
            SortedMap<String, HostTensor> init,
            NDArray x,
            float[] base,
            NDManager m,
            long seed) {
        if (spec.permToAxes().isEmpty()) return 0;
        SortedMap<String, int[]> perms =
                Permutations.random(spec.sizes(model.parameterShapes()), seed);
        try (NDManager sub = m.newSubManager()) {
            Params p = Params.upload(sub, Permutations.apply(spec, perms, init));
            float[] y = model.forward(p, x.duplicate()).toFloatArray();
            double d = 0;
            for (int i = 0; i < y.length; i++) d = Math.max(d, Math.abs(y[i] - base[i]));
            return d;
        }
    }

    /**
     * Plants a random permutation of every group into the graph's own initializers and runs weight
     * matching against the original: per group, how many units it put back.
     */
    public List<Recovery> plantedRecovery(OnnxModel model, NDManager parent, long seed) {
        List<Recovery> out = new ArrayList<>();
        if (groups.isEmpty()) return out;
        SortedMap<String, HostTensor> a = model.initializers();
        SortedMap<String, Integer> sizes = spec.sizes(model.parameterShapes());
        SortedMap<String, int[]> planted = Permutations.random(sizes, seed);
        SortedMap<String, HostTensor> b = Permutations.apply(spec, planted, a);
        Alignment found =
                WeightMatching.run(
                        parent,
                        spec.withoutTensors(model.buffers()),
                        withoutBuffers(a, model),
                        withoutBuffers(b, model),
                        new WeightMatching.Options(100, seed, null));
        for (Group g : groups) {
            float[] units = new float[g.size()];
            for (int i = 0; i < units.length; i++) units[i] = i;
            long[] shape = {g.size()};
            float[] moved = Permutations.permuteAxis(units, shape, 0, planted.get(g.name()));
            float[] restored =
                    Permutations.permuteAxis(moved, shape, 0, found.perms().get(g.name()));
            int same = 0;
            for (int i = 0; i < restored.length; i++) if (restored[i] == i) same++;
            out.add(new Recovery(g.name(), same, g.size()));
        }
        return out;
    }

    private static SortedMap<String, HostTensor> withoutBuffers(
            SortedMap<String, HostTensor> t, OnnxModel model) {
        SortedMap<String, HostTensor> out = new TreeMap<>(t);
        out.keySet().removeAll(model.buffers());
        return out;
    }
}
