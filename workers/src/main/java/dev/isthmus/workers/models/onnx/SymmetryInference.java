package dev.isthmus.workers.models.onnx;

import dev.isthmus.workers.models.PermutationSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Derives a graph's permutation groups from its nodes: which axes of which parameters can be
 * permuted together without changing the function.
 *
 * <p>Every axis of every parameter starts as its own <em>atom</em>; every axis of a value the graph
 * computes carries one atom (or is neutral, when its size is 1). Walking the nodes in order, each
 * operator's rule says how the atoms of its inputs reach its outputs:
 *
 * <ul>
 *   <li>elementwise operators (with numpy broadcasting), activations, Softmax along any axis, and
 *       the normalisations join the atoms they line up (a residual addition is one group; a
 *       BatchNorm's or LayerNorm's per-channel parameters follow their channel);
 *   <li>a product (Gemm, MatMul, Conv) joins the two sides of its contracted axis and gives its
 *       output the weight's output axis;
 *   <li>Transpose, Squeeze, Unsqueeze and the reshapes that keep an axis whole carry the atom
 *       along; Gather, Expand and ReduceMean carry the axes they do not index or reduce;
 * </ul>
 *
 * <p>and whatever <em>mixes</em> units (a reshape that merges or splits an axis, Split, Slice,
 * Concat or Gather along it, a pool's or convolution's spatial axes, an unpermuted input or
 * constant combined with it, the graph's output) pins the atom. A group is a set of joined atoms
 * that a product produced, holds at least one parameter axis, and was never pinned. Pinned ones are
 * reported with the first node that pinned them. Head reshapes (one axis split into heads × head
 * dimension) pin for now: blocked groups are not inferred.
 *
 * <p>The value shapes come from one trial forward ({@link OnnxModel#values}), so reshapes are read
 * from what they did, not from their shape arithmetic.
 */
final class SymmetryInference {
    /** The pinned atom. */
    private static final int FIXED = 0;

    /** A size-1 axis: broadcast, carries nothing. */
    private static final int NEUTRAL = -1;

    /**
     * One inferred group.
     *
     * @param name the permutation's name: {@code P_} and the producing weight's module
     * @param producer the node whose output first carried it
     * @param size units
     * @param axes every parameter axis it acts on
     * @param value a value carrying it where a product reads it (its activation)
     * @param valueAxis the axis of {@code value} it is on
     */
    record Group(
            String name,
            String producer,
            int size,
            List<PermutationSpec.Axis> axes,
            String value,
            int valueAxis) {}

    /**
     * A set of joined axes that is not a symmetry.
     *
     * @param producer the node whose output carried it
     * @param axes its parameter axes
     * @param reason why: the node that pinned it and what it did
     */
    record Pinned(String producer, List<PermutationSpec.Axis> axes, String reason) {}

    /** The groups, the pinned sets, and the spec over every parameter. */
    record Result(PermutationSpec spec, List<Group> groups, List<Pinned> pinned) {}

    private final OnnxGraph graph;
    private final Map<String, long[]> shapes;
    private final Map<String, long[]> ints;
    private final Map<String, int[]> atoms = new HashMap<>();
    private final List<PermutationSpec.Axis> atomAxis = new ArrayList<>();
    private int[] pinned = new int[16]; // union-find that includes FIXED
    private int[] joined = new int[16]; // union-find of real atoms only
    private final Map<Integer, String> reasons = new LinkedHashMap<>();
    private final Map<Integer, String> producers = new LinkedHashMap<>();
    private final Map<Integer, String[]> readAt = new LinkedHashMap<>();
    private final Map<Integer, String> modules = new LinkedHashMap<>();
    private String current = "the graph";

    private SymmetryInference(
            OnnxGraph graph, Map<String, long[]> shapes, Map<String, long[]> ints) {
        this.graph = graph;
        this.shapes = shapes;
        this.ints = ints;
        atomAxis.add(null);
        pinned[0] = 0;
    }

    /**
     * Infers the groups of {@code graph}.
     *
     * @param parameters the model's parameters (initializers and buffers) with their shapes
     * @param shapes every value's shape in a trial forward, by value name
     * @param ints the values of the integer values of that forward (axes, starts, shapes)
     */
    static Result infer(
            OnnxGraph graph,
            SortedMap<String, long[]> parameters,
            Map<String, long[]> shapes,
            Map<String, long[]> ints) {
        SymmetryInference s = new SymmetryInference(graph, shapes, ints);
        return s.run(parameters);
    }

    private Result run(SortedMap<String, long[]> parameters) {
        parameters.forEach(
                (name, shape) -> {
                    int[] a = new int[shape.length];
                    for (int i = 0; i < shape.length; i++) {
                        a[i] = shape[i] == 1 ? NEUTRAL : newAtom(new PermutationSpec.Axis(name, i));
                    }
                    atoms.put(name, a);
                });
        for (OnnxGraph.Node n : graph.nodes()) apply(n);
        for (OnnxGraph.ValueInfo out : graph.outputs()) {
            for (int a : of(out.name())) pin(a, "is an axis of the graph's output " + out.name());
        }
        return result(parameters);
    }

    private int newAtom(PermutationSpec.Axis axis) {
        int id = atomAxis.size();
        atomAxis.add(axis);
        if (id >= pinned.length) {
            pinned = Arrays.copyOf(pinned, id * 2);
            joined = Arrays.copyOf(joined, id * 2);
        }
        pinned[id] = id;
        joined[id] = id;
        return id;
    }

    private static int find(int[] uf, int a) {
        while (uf[a] != a) {
            uf[a] = uf[uf[a]];
            a = uf[a];
        }
        return a;
    }

    /** Joins two atoms; a neutral side changes nothing. Returns the atom the output carries. */
    private int join(int a, int b) {
        if (a == NEUTRAL) return b;
        if (b == NEUTRAL) return a;
        int ra = find(pinned, a);
        int rb = find(pinned, b);
        if (ra != rb) {
            if (ra == FIXED || rb == FIXED) {
                int real = ra == FIXED ? b : a;
                if (real != FIXED && !isPinned(real)) {
                    reasons.putIfAbsent(
                            real, "is combined with an axis that is not permuted by " + current);
                }
                pinned[ra == FIXED ? rb : ra] = FIXED;
            } else {
                pinned[rb] = ra;
            }
        }
        if (a != FIXED && b != FIXED) {
            int ja = find(joined, a);
            int jb = find(joined, b);
            if (ja != jb) joined[jb] = ja;
        }
        return a == FIXED ? b : a;
    }

    private boolean isPinned(int a) {
        return a >= 0 && find(pinned, a) == FIXED;
    }

    /** Pins a real atom, recording the first reason it was pinned for. */
    private void pin(int a, String reason) {
        if (a <= FIXED) return;
        if (!isPinned(a)) reasons.putIfAbsent(a, reason);
        pinned[find(pinned, a)] = FIXED;
    }

    private int[] of(String value) {
        int[] a = atoms.get(value);
        if (a != null) return a;
        long[] shape = shapes.get(value);
        if (shape == null) return new int[0];
        int[] fresh = new int[shape.length]; // an input or a constant: nothing permutes it
        for (int i = 0; i < shape.length; i++) fresh[i] = shape[i] == 1 ? NEUTRAL : FIXED;
        return fresh;
    }

    private long[] shape(String value) {
        long[] s = shapes.get(value);
        return s == null ? new long[0] : s;
    }

    private void set(String value, int[] a) {
        long[] s = shape(value);
        int[] out = new int[s.length];
        for (int i = 0; i < s.length; i++) {
            out[i] = s[i] == 1 ? NEUTRAL : (i < a.length ? a[i] : FIXED);
        }
        atoms.put(value, out);
    }

    private void produced(OnnxGraph.Node n, int atom) {
        if (atom > FIXED) {
            producers.putIfAbsent(atom, n.describe());
            modules.putIfAbsent(atom, module(n.name()));
        }
    }

    private void read(String value, int axis) {
        int[] a = of(value);
        if (axis < a.length && a[axis] > FIXED)
            readAt.putIfAbsent(a[axis], new String[] {value, "" + axis});
    }

    /** PyTorch's node name {@code /blocks.0/fc1/MatMul} → {@code blocks.0.fc1}, or null. */
    private static String module(String node) {
        int last = node.lastIndexOf('/');
        if (!node.startsWith("/") || last <= 0) return null;
        return node.substring(1, last).replace('/', '.');
    }

    private void apply(OnnxGraph.Node n) {
        String what = n.describe();
        current = what;
        switch (n.opType()) {
            case "Relu",
                    "Gelu",
                    "Erf",
                    "Tanh",
                    "Sigmoid",
                    "Neg",
                    "Sqrt",
                    "Reciprocal",
                    "Identity",
                    "Cast",
                    "Not",
                    "Softmax",
                    "LogSoftmax" ->
                    set(n.outputs().get(0), of(n.inputs().get(0)));
            case "Add", "Sub", "Mul", "Div", "Pow", "Max", "Min", "Equal", "Where" ->
                    elementwise(n);
            case "Gemm" -> gemm(n);
            case "MatMul" -> matMul(n);
            case "Conv" -> conv(n, what);
            case "BatchNormalization" -> {
                int[] x = of(n.inputs().get(0)).clone();
                for (int i = 1; i <= 4 && x.length > 1; i++) {
                    if (n.input(i) != null) x[1] = join(x[1], first(n.input(i)));
                }
                set(n.outputs().get(0), x);
            }
            case "LayerNormalization" -> layerNorm(n);
            case "AveragePool", "MaxPool", "GlobalAveragePool" -> pool(n, what);
            case "Reshape", "Flatten", "Squeeze", "Unsqueeze" -> reshape(n, what);
            case "Transpose" -> transpose(n);
            case "Concat" -> concat(n, what);
            case "Split" -> split(n, what);
            case "Slice" -> slice(n, what);
            case "Gather" -> gather(n, what);
            case "Expand" -> expand(n);
            case "ReduceMean" -> reduceMean(n);
            case "Trilu" -> {
                int[] x = of(n.inputs().get(0));
                for (int i = Math.max(0, x.length - 2); i < x.length; i++) {
                    pin(x[i], "is masked by position in " + what);
                }
                set(n.outputs().get(0), x);
            }
            case "ConstantOfShape" -> { // one value everywhere: the same under any permutation
                long[] s = shape(n.outputs().get(0));
                int[] a = new int[s.length];
                Arrays.fill(a, NEUTRAL);
                atoms.put(n.outputs().get(0), a);
            }
            default -> { // Constant, Range, Shape: values nothing permutes
                for (String out : n.outputs()) set(out, new int[0]);
            }
        }
    }

    private int first(String value) {
        int[] a = of(value);
        return a.length == 0 ? NEUTRAL : a[0];
    }

    /** Numpy broadcasting, right-aligned: every input whose axis is full size joins it. */
    private void elementwise(OnnxGraph.Node n) {
        String out = n.outputs().get(0);
        long[] os = shape(out);
        int[] result = new int[os.length];
        Arrays.fill(result, NEUTRAL);
        for (String in : n.inputs()) {
            if (in.isEmpty()) continue;
            int[] a = of(in);
            long[] s = shape(in);
            for (int i = 0; i < s.length; i++) {
                int k = os.length - s.length + i;
                if (k < 0 || os[k] == 1 || s[i] != os[k]) continue;
                result[k] = result[k] == NEUTRAL ? a[i] : join(result[k], a[i]);
            }
        }
        set(out, result);
    }

    private void gemm(OnnxGraph.Node n) {
        int[] a = of(n.inputs().get(0));
        int[] b = of(n.inputs().get(1));
        boolean ta = OnnxOps.integer(n, "transA", 0) != 0;
        boolean tb = OnnxOps.integer(n, "transB", 0) != 0;
        read(n.inputs().get(0), ta ? 0 : 1);
        join(a[ta ? 0 : 1], b[tb ? 1 : 0]);
        int[] out = {a[ta ? 1 : 0], b[tb ? 0 : 1]};
        String c = n.input(2);
        if (c != null) {
            int[] ca = of(c);
            long[] cs = shape(c);
            long[] os = shape(n.outputs().get(0));
            for (int i = 0; i < cs.length; i++) {
                int k = 2 - cs.length + i;
                if (k >= 0 && cs[i] == os[k]) out[k] = join(out[k], ca[i]);
            }
        }
        produced(n, out[1]);
        set(n.outputs().get(0), out);
    }

    private void matMul(OnnxGraph.Node n) {
        String an = n.inputs().get(0);
        String bn = n.inputs().get(1);
        int[] a = of(an);
        int[] b = of(bn);
        String out = n.outputs().get(0);
        int[] o = new int[shape(out).length];
        if (a.length < 2 || b.length < 2) { // vector products: pin what they touch
            for (int x : a) pin(x, "is in a vector product in " + n.describe());
            for (int x : b) pin(x, "is in a vector product in " + n.describe());
            set(out, new int[0]);
            return;
        }
        read(an, a.length - 1);
        join(a[a.length - 1], b[b.length - 2]);
        o[o.length - 2] = a[a.length - 2];
        o[o.length - 1] = b[b.length - 1];
        long[] os = shape(out);
        for (int k = 0; k < o.length - 2; k++) {
            o[k] = NEUTRAL;
            for (int[] side : new int[][] {a, b}) {
                int i = side.length - o.length + k;
                long[] ss = side == a ? shape(an) : shape(bn);
                if (i >= 0 && ss[i] == os[k])
                    o[k] = o[k] == NEUTRAL ? side[i] : join(o[k], side[i]);
            }
        }
        produced(n, o[o.length - 1]);
        set(out, o);
    }

    private void conv(OnnxGraph.Node n, String what) {
        int[] x = of(n.inputs().get(0));
        int[] w = of(n.inputs().get(1));
        long[] xs = shape(n.inputs().get(0));
        long[] ws = shape(n.inputs().get(1));
        long groups = OnnxOps.integer(n, "group", 1);
        int[] o = new int[x.length];
        Arrays.fill(o, FIXED);
        o[0] = x[0];
        if (groups == 1) {
            read(n.inputs().get(0), 1);
            join(x[1], w[1]);
            o[1] = w[0];
        } else if (groups == xs[1] && ws[1] == 1 && ws[0] == xs[1]) { // depthwise
            o[1] = join(x[1], w[0]);
        } else {
            pin(x[1], "is split into " + groups + " groups by " + what);
            pin(w[0], "is split into " + groups + " groups by " + what);
            o[1] = FIXED;
        }
        if (n.input(2) != null) o[1] = join(o[1], first(n.input(2)));
        for (int i = 2; i < x.length; i++) pin(x[i], "is a spatial axis of " + what);
        produced(n, o[1]);
        set(n.outputs().get(0), o);
    }

    private void layerNorm(OnnxGraph.Node n) {
        int[] x = of(n.inputs().get(0)).clone();
        long axis = OnnxOps.integer(n, "axis", -1);
        int from = (int) (axis < 0 ? axis + x.length : axis);
        for (int p = 1; p <= 2; p++) {
            String param = n.input(p);
            if (param == null) continue;
            int[] s = of(param);
            for (int i = 0; i < s.length; i++) {
                int k = x.length - s.length + i;
                if (k >= from) x[k] = join(x[k], s[i]);
            }
        }
        set(n.outputs().get(0), x);
    }

    private void pool(OnnxGraph.Node n, String what) {
        int[] x = of(n.inputs().get(0));
        int[] o = x.clone();
        for (int i = 2; i < x.length; i++) {
            pin(x[i], "is a spatial axis of " + what);
            o[i] = FIXED;
        }
        set(n.outputs().get(0), o);
    }

    /**
     * Any reshape, read from the shapes before and after: an axis kept whole (between size-1 axes)
     * keeps its atom; axes merged or split together are pinned.
     */
    private void reshape(OnnxGraph.Node n, String what) {
        String in = n.inputs().get(0);
        int[] a = of(in);
        long[] is = shape(in);
        long[] os = shape(n.outputs().get(0));
        int[] o = new int[os.length];
        int i = 0;
        int j = 0;
        while (i < is.length || j < os.length) {
            while (i < is.length && is[i] == 1) i++;
            while (j < os.length && os[j] == 1) o[j++] = NEUTRAL;
            if (i >= is.length || j >= os.length) break;
            int i0 = i;
            int j0 = j;
            long pi = is[i++];
            long pj = os[j++];
            while (pi != pj) {
                if (pi < pj && i < is.length) pi *= is[i++];
                else if (pj < pi && j < os.length) pj *= os[j++];
                else break;
            }
            int realIn = 0;
            for (int k = i0; k < i; k++) if (is[k] != 1) realIn++;
            int realOut = 0;
            for (int k = j0; k < j; k++) if (os[k] != 1) realOut++;
            if (realIn == 1 && realOut == 1) {
                int atom = NEUTRAL;
                for (int k = i0; k < i; k++) if (is[k] != 1) atom = a[k];
                for (int k = j0; k < j; k++) o[k] = os[k] == 1 ? NEUTRAL : atom;
            } else {
                for (int k = i0; k < i; k++) {
                    pin(
                            a[k],
                            (realOut > realIn ? "is split" : "is merged with other axes")
                                    + " by "
                                    + what
                                    + (realOut > realIn
                                            ? " (into blocks such as attention heads, which are not"
                                                    + " inferred yet)"
                                            : ""));
                }
                for (int k = j0; k < j; k++) o[k] = os[k] == 1 ? NEUTRAL : FIXED;
            }
        }
        for (int k = i; k < is.length; k++) pin(a[k], "is dropped by " + what);
        set(n.outputs().get(0), o);
    }

    private void transpose(OnnxGraph.Node n) {
        int[] a = of(n.inputs().get(0));
        List<Long> perm = OnnxOps.ints(n, "perm", null);
        int[] o = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            o[i] = a[perm == null ? a.length - 1 - i : perm.get(i).intValue()];
        }
        set(n.outputs().get(0), o);
    }

    private int axis(OnnxGraph.Node n, int rank, long fallback) {
        long axis = OnnxOps.integer(n, "axis", fallback);
        return (int) (axis < 0 ? axis + rank : axis);
    }

    private void concat(OnnxGraph.Node n, String what) {
        String out = n.outputs().get(0);
        int rank = shape(out).length;
        int axis = axis(n, rank, 0);
        int[] o = new int[rank];
        Arrays.fill(o, NEUTRAL);
        for (String in : n.inputs()) {
            int[] a = of(in);
            for (int k = 0; k < a.length && k < rank; k++) {
                if (k == axis) pin(a[k], "is concatenated along by " + what);
                else o[k] = o[k] == NEUTRAL ? a[k] : join(o[k], a[k]);
            }
        }
        if (axis < rank) o[axis] = FIXED;
        set(out, o);
    }

    private void split(OnnxGraph.Node n, String what) {
        int[] a = of(n.inputs().get(0)).clone();
        int axis = axis(n, a.length, 0);
        pin(a[axis], "is split into parts by " + what);
        a[axis] = FIXED;
        for (String out : n.outputs()) set(out, a);
    }

    private void slice(OnnxGraph.Node n, String what) {
        String in = n.inputs().get(0);
        int[] a = of(in).clone();
        long[] is = shape(in);
        long[] os = shape(n.outputs().get(0));
        long[] steps = n.input(4) == null ? null : ints.get(n.input(4));
        for (int k = 0; k < a.length; k++) {
            boolean whole = k < os.length && os[k] == is[k];
            if (whole && steps != null) {
                long[] axes = n.input(3) == null ? null : ints.get(n.input(3));
                for (int s = 0; s < steps.length; s++) {
                    long ax = axes == null ? s : axes[s] < 0 ? axes[s] + a.length : axes[s];
                    if (ax == k && steps[s] != 1) whole = false;
                }
            }
            if (!whole) {
                pin(a[k], "is sliced by " + what);
                a[k] = FIXED;
            }
        }
        set(n.outputs().get(0), a);
    }

    /** Gather: the indexed axis is pinned; the indices' axes are fixed; the others carry on. */
    private void gather(OnnxGraph.Node n, String what) {
        int[] data = of(n.inputs().get(0));
        int idxRank = shape(n.inputs().get(1)).length;
        int axis = axis(n, data.length, 0);
        pin(data[axis], "is indexed by " + what);
        int[] o = new int[data.length - 1 + idxRank];
        int j = 0;
        for (int k = 0; k < data.length; k++) {
            if (k == axis) {
                for (int t = 0; t < idxRank; t++) o[j++] = FIXED;
            } else {
                o[j++] = data[k];
            }
        }
        for (int atom : o) produced(n, atom);
        set(n.outputs().get(0), o);
    }

    private void expand(OnnxGraph.Node n) {
        String in = n.inputs().get(0);
        int[] a = of(in);
        long[] is = shape(in);
        long[] os = shape(n.outputs().get(0));
        int[] o = new int[os.length];
        for (int k = 0; k < os.length; k++) {
            int i = k - (os.length - is.length);
            o[k] = i >= 0 && is[i] == os[k] ? a[i] : NEUTRAL; // broadcast: constant along it
        }
        set(n.outputs().get(0), o);
    }

    private void reduceMean(OnnxGraph.Node n) {
        String in = n.inputs().get(0);
        int[] a = of(in);
        long[] is = shape(in);
        long[] os = shape(n.outputs().get(0));
        int[] o = new int[os.length];
        if (os.length == is.length) { // keepdims: reduced axes are size 1
            for (int k = 0; k < os.length; k++) o[k] = os[k] == is[k] ? a[k] : NEUTRAL;
        } else {
            long[] axes =
                    n.attributes().containsKey("axes")
                            ? OnnxOps.ints(n, "axes", List.of()).stream()
                                    .mapToLong(Long::longValue)
                                    .toArray()
                            : n.input(1) == null ? null : ints.get(n.input(1));
            boolean[] reduced = new boolean[a.length];
            if (axes == null || axes.length == 0) Arrays.fill(reduced, true);
            else for (long x : axes) reduced[(int) (x < 0 ? x + a.length : x)] = true;
            int j = 0;
            for (int k = 0; k < a.length && j < o.length; k++) if (!reduced[k]) o[j++] = a[k];
        }
        set(n.outputs().get(0), o);
    }

    private Result result(SortedMap<String, long[]> parameters) {
        Map<Integer, List<PermutationSpec.Axis>> classes = new TreeMap<>();
        for (int id = 1; id < atomAxis.size(); id++) {
            classes.computeIfAbsent(find(joined, id), k -> new ArrayList<>()).add(atomAxis.get(id));
        }
        List<Group> groups = new ArrayList<>();
        List<Pinned> pinnedSets = new ArrayList<>();
        Map<String, String> perAxis = new HashMap<>();
        Map<String, Integer> names = new HashMap<>();
        for (Map.Entry<Integer, List<PermutationSpec.Axis>> e : classes.entrySet()) {
            int root = e.getKey();
            String producer = null;
            String module = null;
            for (var p : producers.entrySet()) {
                if (find(joined, p.getKey()) == root) {
                    producer = p.getValue();
                    module = modules.get(p.getKey());
                    break;
                }
            }
            if (producer == null) continue; // never on a value: a kernel axis, a table's rows
            List<PermutationSpec.Axis> axes = e.getValue();
            if (find(pinned, root) == FIXED) {
                String reason = "is pinned";
                for (var r : reasons.entrySet()) {
                    if (find(joined, r.getKey()) == root) {
                        reason = r.getValue();
                        break;
                    }
                }
                pinnedSets.add(new Pinned(producer, axes, reason));
                continue;
            }
            String[] at = null;
            for (var r : readAt.entrySet()) {
                if (find(joined, r.getKey()) == root) {
                    at = r.getValue();
                    break;
                }
            }
            String name = name(module, axes, names);
            PermutationSpec.Axis a0 = axes.get(0);
            int size = (int) parameters.get(a0.param())[a0.axis()];
            groups.add(
                    new Group(
                            name,
                            producer,
                            size,
                            List.copyOf(axes),
                            at == null ? null : at[0],
                            at == null ? -1 : Integer.parseInt(at[1])));
            for (PermutationSpec.Axis a : axes) perAxis.put(a.param() + "#" + a.axis(), name);
        }
        SortedMap<String, List<String>> axesToPerm = new TreeMap<>();
        parameters.forEach(
                (name, shape) -> {
                    List<String> perms = new ArrayList<>();
                    for (int i = 0; i < shape.length; i++) perms.add(perAxis.get(name + "#" + i));
                    axesToPerm.put(name, perms);
                });
        return new Result(new PermutationSpec(axesToPerm), groups, pinnedSets);
    }

    /**
     * {@code P_} and the producing node's module (PyTorch's node names), such as {@code
     * P_layers.0}, else the module of the first weight whose first axis is in the group; numbered
     * when taken.
     */
    private static String name(
            String producerModule, List<PermutationSpec.Axis> axes, Map<String, Integer> taken) {
        if (producerModule != null && !producerModule.isEmpty()) {
            String name = "P_" + producerModule;
            int seen = taken.merge(name, 1, Integer::sum);
            return seen == 1 ? name : name + "_" + seen;
        }
        String param = axes.get(0).param();
        for (PermutationSpec.Axis a : axes) {
            if (a.axis() == 0 && a.param().endsWith(".weight")) {
                param = a.param();
                break;
            }
        }
        String module =
                param.endsWith(".weight") || param.endsWith(".bias")
                        ? param.substring(0, param.lastIndexOf('.'))
                        : param;
        String name = "P_" + module;
        int seen = taken.merge(name, 1, Integer::sum);
        return seen == 1 ? name : name + "_" + seen;
    }
}
