package dev.isthmus.workers.models.onnx;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.nn.pooling.Pool;
import dev.isthmus.api.validation.BadInputException;
import dev.isthmus.workers.engine.HostArrays;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ONNX operators Isthmus runs, each as DJL NDArray operations (so gradients flow through them),
 * with the signatures of operator sets {@value OnnxReader#MIN_OPSET} and later. {@link #check}
 * refuses, before any work, a graph with an operator or attribute outside this set.
 */
final class OnnxOps {
    /** Every supported operator of the default domain. */
    static final List<String> SUPPORTED =
            List.of(
                    "Add",
                    "AveragePool",
                    "BatchNormalization",
                    "Cast",
                    "Concat",
                    "Constant",
                    "ConstantOfShape",
                    "Conv",
                    "Div",
                    "Equal",
                    "Erf",
                    "Expand",
                    "Flatten",
                    "Gather",
                    "Gelu",
                    "Gemm",
                    "GlobalAveragePool",
                    "Identity",
                    "LayerNormalization",
                    "LogSoftmax",
                    "MatMul",
                    "Max",
                    "MaxPool",
                    "Min",
                    "Mul",
                    "Neg",
                    "Not",
                    "Pow",
                    "Range",
                    "Reciprocal",
                    "ReduceMean",
                    "Relu",
                    "Reshape",
                    "Shape",
                    "Sigmoid",
                    "Slice",
                    "Softmax",
                    "Split",
                    "Sqrt",
                    "Squeeze",
                    "Sub",
                    "Tanh",
                    "Transpose",
                    "Trilu",
                    "Unsqueeze",
                    "Where");

    private static final float BN_EPS = 1e-5f;

    private OnnxOps() {}

    /**
     * Refuses what {@link #apply} cannot run: an operator outside {@link #SUPPORTED} or of another
     * domain, a value used before it is computed, or an attribute value outside what is
     * implemented.
     */
    static void check(OnnxGraph g, String source) {
        Set<String> known = new HashSet<>(g.initializers().keySet());
        g.inputs().forEach(v -> known.add(v.name()));
        for (OnnxGraph.Node n : g.nodes()) {
            String where = source + ": " + n.describe();
            boolean defaultDomain = n.domain().isEmpty() || n.domain().equals("ai.onnx");
            if (!defaultDomain || !SUPPORTED.contains(n.opType())) {
                throw new BadInputException(
                        where
                                + " uses "
                                + (defaultDomain ? "" : "domain " + n.domain() + " operator ")
                                + n.opType()
                                + ", which Isthmus does not run yet (supported: "
                                + String.join(", ", SUPPORTED)
                                + ")");
            }
            for (String in : n.inputs()) {
                if (!in.isEmpty() && !known.contains(in)) {
                    throw new BadInputException(
                            where
                                    + " reads "
                                    + in
                                    + ", which no earlier node, input or initializer defines");
                }
            }
            checkAttributes(n, where);
            known.addAll(n.outputs());
        }
        for (OnnxGraph.ValueInfo out : g.outputs()) {
            if (!known.contains(out.name())) {
                throw new BadInputException(
                        source + ": graph output " + out.name() + " is computed by no node");
            }
        }
    }

    private static void checkAttributes(OnnxGraph.Node n, String where) {
        switch (n.opType()) {
            case "Conv", "MaxPool", "AveragePool" -> {
                String autoPad = string(n, "auto_pad", "NOTSET");
                if (!autoPad.equals("NOTSET") && !autoPad.equals("VALID")) {
                    throw new BadInputException(
                            where + ": auto_pad " + autoPad + " is not supported (NOTSET, VALID)");
                }
                List<Long> pads = ints(n, "pads", List.of());
                int half = pads.size() / 2;
                for (int i = 0; i < half; i++) {
                    if (!pads.get(i).equals(pads.get(i + half))) {
                        throw new BadInputException(
                                where + ": asymmetric pads " + pads + " are not supported");
                    }
                }
                List<Long> kernel = ints(n, "kernel_shape", List.of());
                if (!n.opType().equals("Conv") && kernel.size() != 2) {
                    throw new BadInputException(
                            where + ": only 2-d pooling is supported, got kernel " + kernel);
                }
                if (n.opType().equals("MaxPool")
                        && (n.outputs().size() > 1
                                || ints(n, "dilations", List.of()).stream()
                                        .anyMatch(d -> d != 1))) {
                    throw new BadInputException(
                            where + ": MaxPool's indices output and dilations are not supported");
                }
            }
            case "BatchNormalization" -> {
                if (integer(n, "training_mode", 0) != 0 || n.outputs().size() > 1) {
                    throw new BadInputException(
                            where
                                    + ": only inference-mode BatchNormalization is supported"
                                    + " (export the model in eval mode)");
                }
            }
            case "Constant" -> {
                if (n.attributes().get("value") == null
                        && n.attributes().get("value_float") == null
                        && n.attributes().get("value_floats") == null
                        && n.attributes().get("value_int") == null
                        && n.attributes().get("value_ints") == null) {
                    throw new BadInputException(
                            where + ": only value, value_float(s) and value_int(s) are supported");
                }
            }
            case "Cast" -> {
                if (castType(integer(n, "to", 0)) == null) {
                    throw new BadInputException(
                            where
                                    + ": casts to ONNX data type "
                                    + integer(n, "to", 0)
                                    + ", which is not supported (expected float (1), double (11),"
                                    + " int32 (6), int64 (7) or bool (9))");
                }
            }
            case "LayerNormalization" -> {
                if (n.outputs().size() > 1) {
                    throw new BadInputException(
                            where
                                    + ": only the normalized output Y is supported, not Mean or"
                                    + " InvStdDev");
                }
            }
            case "ConstantOfShape" -> {
                OnnxGraph.Attribute v = n.attributes().get("value");
                if (v != null && (v.t() == null || v.t().dims().length > 1)) {
                    throw new BadInputException(
                            where + ": expected value to be a one-element tensor");
                }
            }
            default -> {}
        }
    }

    /** Runs one node: its outputs, in order, from the values of its inputs. */
    static List<NDArray> apply(OnnxGraph.Node n, Map<String, NDArray> values, NDManager m) {
        NDArray a = input(n, 0, values);
        NDArray b = input(n, 1, values);
        return switch (n.opType()) {
            case "Add" -> List.of(a.add(b));
            case "Sub" -> List.of(a.sub(b));
            case "Mul" -> List.of(a.mul(b));
            case "Div" -> List.of(divide(a, b));
            case "Neg" -> List.of(a.neg());
            case "Relu" -> List.of(Activation.relu(a));
            case "Tanh" -> List.of(a.tanh());
            case "Sigmoid" -> List.of(Activation.sigmoid(a));
            case "Erf" -> List.of(a.erf());
            case "Gelu" -> List.of(gelu(a, string(n, "approximate", "none")));
            case "Softmax" -> List.of(a.softmax(axis(n, a, -1)));
            case "LogSoftmax" -> List.of(a.logSoftmax(axis(n, a, -1)));
            case "Identity" -> List.of(a);
            case "Constant" -> List.of(constant(n, m));
            case "Gemm" -> List.of(gemm(n, a, b, input(n, 2, values)));
            case "MatMul" -> List.of(a.matMul(b));
            case "Flatten" -> List.of(flatten(a, axis(n, a, 1)));
            case "Reshape" -> List.of(reshape(a, b, integer(n, "allowzero", 0) != 0));
            case "Transpose" -> List.of(transpose(n, a));
            case "Shape" -> List.of(shape(n, a, m));
            case "Gather" -> List.of(gather(a, b, axis(n, a, 0)));
            case "Concat" -> List.of(concat(n, values));
            case "Squeeze" -> List.of(squeeze(a, b));
            case "Unsqueeze" -> List.of(unsqueeze(a, b));
            case "Conv" -> List.of(conv(n, a, b, input(n, 2, values)));
            case "BatchNormalization" ->
                    List.of(
                            BatchNorm.batchNorm(
                                            a,
                                            input(n, 3, values),
                                            input(n, 4, values),
                                            b,
                                            input(n, 2, values),
                                            -1,
                                            0f,
                                            floating(n, "epsilon", BN_EPS),
                                            false)
                                    .singletonOrThrow());
            case "MaxPool" ->
                    List.of(
                            Pool.maxPool2d(
                                    a,
                                    shape2(n, "kernel_shape", 1),
                                    shape2(n, "strides", 1),
                                    pads(n),
                                    integer(n, "ceil_mode", 0) != 0));
            case "AveragePool" ->
                    List.of(
                            Pool.avgPool2d(
                                    a,
                                    shape2(n, "kernel_shape", 1),
                                    shape2(n, "strides", 1),
                                    pads(n),
                                    integer(n, "ceil_mode", 0) != 0,
                                    integer(n, "count_include_pad", 0) != 0));
            case "GlobalAveragePool" -> List.of(globalAverage(a));
            case "LayerNormalization" -> List.of(layerNorm(n, a, b, input(n, 2, values)));
            case "Split" -> split(n, a, b);
            case "Slice" -> List.of(slice(n, values, a));
            case "Pow" ->
                    List.of(
                            a.pow(
                                    b.getDataType() == a.getDataType()
                                            ? b
                                            : b.toType(a.getDataType(), false)));
            case "Sqrt" -> List.of(a.sqrt());
            case "Reciprocal" -> List.of(a.pow(-1));
            case "ReduceMean" -> List.of(reduceMean(n, a, b));
            case "Max", "Min" -> List.of(extremum(n, values));
            case "Equal" -> List.of(a.eq(b));
            case "Not" -> List.of(a.logicalNot());
            case "Where" -> List.of(where(bool(a), b, input(n, 2, values)));
            case "Expand" -> List.of(expand(a, b));
            case "Cast" -> List.of(cast(n, a));
            case "ConstantOfShape" -> List.of(constantOfShape(n, a, m));
            case "Range" -> List.of(range(n, a, b, input(n, 2, values), m));
            case "Trilu" -> List.of(trilu(n, a, b));
            default -> throw new IllegalStateException("unchecked operator " + n.opType());
        };
    }

    private static NDArray input(OnnxGraph.Node n, int i, Map<String, NDArray> values) {
        String name = n.input(i);
        return name == null ? null : values.get(name);
    }

    private static boolean integral(NDArray a) {
        return a.getDataType().isInteger();
    }

    /** ONNX's Div truncates integers (shape arithmetic) and divides floats. */
    private static NDArray divide(NDArray a, NDArray b) {
        if (integral(a) && integral(b)) {
            return a.toType(DataType.FLOAT64, false)
                    .div(b.toType(DataType.FLOAT64, false))
                    .toType(DataType.INT64, false);
        }
        return a.div(b);
    }

    private static NDArray gelu(NDArray x, String approximate) {
        if (approximate.equals("tanh")) {
            NDArray inner = x.add(x.pow(3).mul(0.044715)).mul(Math.sqrt(2 / Math.PI));
            return x.mul(0.5).mul(inner.tanh().add(1));
        }
        return x.mul(0.5).mul(x.div(Math.sqrt(2)).erf().add(1));
    }

    private static NDArray gemm(OnnxGraph.Node n, NDArray a, NDArray b, NDArray c) {
        if (integer(n, "transA", 0) != 0) a = a.transpose();
        if (integer(n, "transB", 0) != 0) b = b.transpose();
        NDArray y = a.matMul(b);
        float alpha = floating(n, "alpha", 1f);
        if (alpha != 1f) y = y.mul(alpha);
        if (c != null) {
            float beta = floating(n, "beta", 1f);
            y = y.add(beta == 1f ? c : c.mul(beta));
        }
        return y;
    }

    private static NDArray flatten(NDArray a, int axis) {
        long[] s = a.getShape().getShape();
        long outer = 1;
        for (int i = 0; i < axis; i++) outer *= s[i];
        long inner = 1;
        for (int i = axis; i < s.length; i++) inner *= s[i];
        return a.reshape(outer, inner);
    }

    private static NDArray reshape(NDArray a, NDArray shape, boolean allowZero) {
        long[] target = shape.toLongArray();
        long[] s = a.getShape().getShape();
        for (int i = 0; i < target.length; i++) {
            if (target[i] == 0 && !allowZero) target[i] = s[i];
        }
        return a.reshape(new Shape(target));
    }

    private static NDArray transpose(OnnxGraph.Node n, NDArray a) {
        int rank = a.getShape().dimension();
        List<Long> perm = ints(n, "perm", List.of());
        int[] axes = new int[rank];
        for (int i = 0; i < rank; i++) {
            axes[i] = perm.isEmpty() ? rank - 1 - i : perm.get(i).intValue();
        }
        return a.transpose(axes);
    }

    private static NDArray shape(OnnxGraph.Node n, NDArray a, NDManager m) {
        long[] s = a.getShape().getShape();
        int rank = s.length;
        int start = (int) clampAxis(integer(n, "start", 0), rank);
        int end = (int) clampAxis(integer(n, "end", rank), rank);
        long[] part = Arrays.copyOfRange(s, start, Math.max(start, end));
        return HostArrays.of(m, part);
    }

    private static long clampAxis(long axis, int rank) {
        long a = axis < 0 ? axis + rank : axis;
        return Math.max(0, Math.min(rank, a));
    }

    /** Gather along {@code axis}: output shape data[:axis] + indices + data[axis+1:]. */
    private static NDArray gather(NDArray data, NDArray indices, int axis) {
        long[] s = data.getShape().getShape();
        long[] idx = indices.toType(DataType.INT64, false).toLongArray();
        NDList parts = new NDList();
        for (long i : idx) {
            long k = i < 0 ? i + s[axis] : i;
            NDIndex slice = new NDIndex();
            for (int d = 0; d < axis; d++) slice.addAllDim();
            slice.addSliceDim(k, k + 1);
            parts.add(data.get(slice));
        }
        NDArray joined = parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts, axis);
        List<Long> out = new ArrayList<>();
        for (int d = 0; d < axis; d++) out.add(s[d]);
        for (long d : indices.getShape().getShape()) out.add(d);
        for (int d = axis + 1; d < s.length; d++) out.add(s[d]);
        return joined.reshape(new Shape(out.stream().mapToLong(Long::longValue).toArray()));
    }

    private static NDArray concat(OnnxGraph.Node n, Map<String, NDArray> values) {
        NDList parts = new NDList();
        for (String in : n.inputs()) parts.add(values.get(in));
        int rank = parts.get(0).getShape().dimension();
        long axis = integer(n, "axis", 0);
        return NDArrays.concat(parts, (int) (axis < 0 ? axis + rank : axis));
    }

    private static NDArray squeeze(NDArray a, NDArray axes) {
        long[] s = a.getShape().getShape();
        List<Integer> drop = new ArrayList<>();
        if (axes == null) {
            for (int i = 0; i < s.length; i++) if (s[i] == 1) drop.add(i);
        } else {
            for (long x : axes.toLongArray()) drop.add((int) (x < 0 ? x + s.length : x));
        }
        drop.sort(java.util.Comparator.reverseOrder());
        NDArray y = a;
        for (int axis : drop) y = y.squeeze(axis);
        return y;
    }

    private static NDArray unsqueeze(NDArray a, NDArray axes) {
        int rank = a.getShape().dimension();
        long[] raw = axes.toLongArray();
        int outRank = rank + raw.length;
        int[] sorted = new int[raw.length];
        for (int i = 0; i < raw.length; i++) {
            sorted[i] = (int) (raw[i] < 0 ? raw[i] + outRank : raw[i]);
        }
        Arrays.sort(sorted);
        NDArray y = a;
        for (int axis : sorted) y = y.expandDims(axis);
        return y;
    }

    private static NDArray conv(OnnxGraph.Node n, NDArray x, NDArray w, NDArray bias) {
        if (x.getShape().dimension() != 4) {
            throw new BadInputException(
                    n.describe()
                            + ": only 2-d convolutions are supported, got an input of shape "
                            + x.getShape());
        }
        return Conv2d.conv2d(
                        x,
                        w,
                        bias,
                        shape2(n, "strides", 1),
                        pads(n),
                        shape2(n, "dilations", 1),
                        (int) integer(n, "group", 1))
                .singletonOrThrow();
    }

    private static NDArray globalAverage(NDArray a) {
        int rank = a.getShape().dimension();
        NDArray y = a; // the PyTorch engine reduces one axis at a time
        for (int i = rank - 1; i >= 2; i--) y = y.mean(new int[] {i}, true);
        return y;
    }

    /**
     * LayerNormalization over the axes from {@code axis} on: the engine's layer norm when the scale
     * (and bias) have the normalized shape, as PyTorch exports them, else the formula with
     * broadcasting.
     */
    private static NDArray layerNorm(OnnxGraph.Node n, NDArray x, NDArray scale, NDArray bias) {
        int axis = axis(n, x, -1);
        long[] s = x.getShape().getShape();
        Shape normalized = new Shape(Arrays.copyOfRange(s, axis, s.length));
        float eps = floating(n, "epsilon", 1e-5f);
        if (scale.getShape().equals(normalized)
                && (bias == null || bias.getShape().equals(normalized))) {
            NDArray beta = bias == null ? scale.zerosLike() : bias;
            return LayerNorm.layerNorm(x, normalized, scale, beta, eps).singletonOrThrow();
        }
        NDArray mean = x;
        for (int i = s.length - 1; i >= axis; i--) mean = mean.mean(new int[] {i}, true);
        NDArray centred = x.sub(mean);
        NDArray var = centred.square();
        for (int i = s.length - 1; i >= axis; i--) var = var.mean(new int[] {i}, true);
        NDArray y = centred.div(var.add(eps).sqrt()).mul(scale);
        return bias == null ? y : y.add(bias);
    }

    /**
     * Split along {@code axis}: by the sizes of the input {@code split} (operator sets 13 and
     * later) or into as many equal parts as the node has outputs (the last one smaller when they do
     * not divide, as operator set 18's {@code num_outputs}).
     */
    private static List<NDArray> split(OnnxGraph.Node n, NDArray a, NDArray sizes) {
        int axis = axis(n, a, 0);
        long dim = a.getShape().get(axis);
        int parts = n.outputs().size();
        long[] size = new long[parts];
        if (sizes != null) {
            size = longs(sizes);
        } else {
            long chunk = (dim + parts - 1) / parts;
            for (int i = 0; i < parts; i++) size[i] = Math.min(chunk, dim - i * chunk);
        }
        long total = 0;
        for (long z : size) total += z;
        if (size.length != parts || total != dim) {
            throw new BadInputException(
                    n.describe()
                            + ": split sizes "
                            + Arrays.toString(size)
                            + " do not cut axis "
                            + axis
                            + " of length "
                            + dim
                            + " into "
                            + parts
                            + " outputs");
        }
        List<NDArray> out = new ArrayList<>();
        long begin = 0;
        for (long z : size) {
            NDIndex idx = new NDIndex().addAllDim(axis).addSliceDim(begin, begin + z);
            out.add(a.get(idx));
            begin += z;
        }
        return out;
    }

    /** Slice with starts, ends, axes and steps as inputs (operator sets 10 and later). */
    private static NDArray slice(OnnxGraph.Node n, Map<String, NDArray> values, NDArray a) {
        long[] starts = longs(input(n, 1, values));
        long[] ends = longs(input(n, 2, values));
        NDArray axesIn = input(n, 3, values);
        NDArray stepsIn = input(n, 4, values);
        long[] s = a.getShape().getShape();
        int rank = s.length;
        long[] axes = new long[starts.length];
        for (int i = 0; i < axes.length; i++) axes[i] = i;
        if (axesIn != null) axes = longs(axesIn);
        long[] steps = new long[starts.length];
        Arrays.fill(steps, 1);
        if (stepsIn != null) steps = longs(stepsIn);
        long[] lo = new long[rank];
        long[] hi = s.clone();
        long[] step = new long[rank];
        Arrays.fill(step, 1);
        for (int i = 0; i < starts.length; i++) {
            int d = (int) (axes[i] < 0 ? axes[i] + rank : axes[i]);
            if (steps[i] <= 0) {
                throw new BadInputException(
                        n.describe()
                                + ": step "
                                + steps[i]
                                + " on axis "
                                + d
                                + " is not supported (expected a positive step)");
            }
            lo[d] = clampIndex(starts[i], s[d]);
            hi[d] = Math.max(lo[d], clampIndex(ends[i], s[d]));
            step[d] = steps[i];
        }
        NDIndex idx = new NDIndex();
        for (int d = 0; d < rank; d++) idx.addSliceDim(lo[d], hi[d], step[d]);
        return a.get(idx);
    }

    /** An index of a slice: negative counts from the end; clamped to [0, dim]. */
    private static long clampIndex(long i, long dim) {
        long k = i < 0 ? i + dim : i;
        return Math.max(0, Math.min(dim, k));
    }

    /**
     * ReduceMean over the axes of the attribute (operator sets before 18) or of the second input
     * (18 and later); no axes means all of them, unless {@code noop_with_empty_axes}.
     */
    private static NDArray reduceMean(OnnxGraph.Node n, NDArray a, NDArray axesIn) {
        int rank = a.getShape().dimension();
        long[] axes =
                n.attributes().containsKey("axes")
                        ? ints(n, "axes", List.of()).stream().mapToLong(Long::longValue).toArray()
                        : axesIn == null ? new long[0] : longs(axesIn);
        if (axes.length == 0) {
            if (integer(n, "noop_with_empty_axes", 0) != 0) return a;
            axes = new long[rank];
            for (int i = 0; i < rank; i++) axes[i] = i;
        }
        int[] sorted = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            sorted[i] = (int) (axes[i] < 0 ? axes[i] + rank : axes[i]);
        }
        Arrays.sort(sorted);
        NDArray y = a; // one axis at a time, as globalAverage
        for (int i = sorted.length - 1; i >= 0; i--) y = y.mean(new int[] {sorted[i]}, true);
        if (integer(n, "keepdims", 1) == 0) {
            for (int i = sorted.length - 1; i >= 0; i--) y = y.squeeze(sorted[i]);
        }
        return y;
    }

    private static NDArray extremum(OnnxGraph.Node n, Map<String, NDArray> values) {
        NDArray y = values.get(n.inputs().get(0));
        for (int i = 1; i < n.inputs().size(); i++) {
            NDArray b = values.get(n.inputs().get(i));
            y = n.opType().equals("Max") ? y.maximum(b) : y.minimum(b);
        }
        return y;
    }

    private static NDArray bool(NDArray a) {
        return a.getDataType() == DataType.BOOLEAN ? a : a.toType(DataType.BOOLEAN, false);
    }

    /** Expand: {@code a} broadcast with {@code shape} (both ways, as numpy). */
    /**
     * ONNX Where with numpy broadcasting: the engine's where wants equal shapes, so the condition
     * and both branches are broadcast to their common shape first.
     */
    private static NDArray where(NDArray cond, NDArray x, NDArray y) {
        Shape out = broadcast(broadcast(cond.getShape(), x.getShape()), y.getShape());
        return NDArrays.where(
                cond.getShape().equals(out) ? cond : cond.broadcast(out),
                x.getShape().equals(out) ? x : x.broadcast(out),
                y.getShape().equals(out) ? y : y.broadcast(out));
    }

    /** The numpy broadcast of two shapes (validated graphs only: sizes are equal or 1). */
    private static Shape broadcast(Shape a, Shape b) {
        int rank = Math.max(a.dimension(), b.dimension());
        long[] out = new long[rank];
        for (int i = 0; i < rank; i++) {
            int ia = i - (rank - a.dimension());
            int ib = i - (rank - b.dimension());
            long da = ia >= 0 ? a.get(ia) : 1;
            long db = ib >= 0 ? b.get(ib) : 1;
            out[i] = da == 1 ? db : da;
        }
        return new Shape(out);
    }

    private static NDArray expand(NDArray a, NDArray shape) {
        long[] want = longs(shape);
        long[] have = a.getShape().getShape();
        int rank = Math.max(want.length, have.length);
        long[] out = new long[rank];
        for (int i = 0; i < rank; i++) {
            long w = i - (rank - want.length) >= 0 ? want[i - (rank - want.length)] : 1;
            long h = i - (rank - have.length) >= 0 ? have[i - (rank - have.length)] : 1;
            out[i] = w == 1 ? h : w;
        }
        return a.broadcast(new Shape(out));
    }

    /**
     * The engine's type for an ONNX Cast target, or null when unsupported: integers are int64 in
     * the engine (as the graph's integer constants), so int32 becomes int64.
     */
    static DataType castType(long to) {
        return switch ((int) to) {
            case OnnxGraph.Tensor.FLOAT -> DataType.FLOAT32;
            case OnnxGraph.Tensor.DOUBLE -> DataType.FLOAT64;
            case OnnxGraph.Tensor.INT32, OnnxGraph.Tensor.INT64 -> DataType.INT64;
            case OnnxGraph.Tensor.BOOL -> DataType.BOOLEAN;
            default -> null;
        };
    }

    private static NDArray cast(OnnxGraph.Node n, NDArray a) {
        DataType to = castType(integer(n, "to", 0));
        return a.getDataType() == to ? a : a.toType(to, false);
    }

    private static NDArray constantOfShape(OnnxGraph.Node n, NDArray shape, NDManager m) {
        Shape out = new Shape(longs(shape));
        OnnxGraph.Attribute v = n.attributes().get("value");
        if (v == null) return m.zeros(out, DataType.FLOAT32);
        NDArray one = upload(v.t(), m).reshape(new Shape());
        return one.broadcast(out).duplicate();
    }

    /** Range from scalars computed from shapes (read on the host); float or int64 as its inputs. */
    private static NDArray range(
            OnnxGraph.Node n, NDArray start, NDArray limit, NDArray delta, NDManager m) {
        if (integral(start) && integral(limit) && integral(delta)) {
            long s0 = start.toType(DataType.INT64, false).getLong();
            long s1 = limit.toType(DataType.INT64, false).getLong();
            long d = delta.toType(DataType.INT64, false).getLong();
            long count = Math.max(0, (s1 - s0 + d - (d > 0 ? 1 : -1)) / d);
            long[] v = new long[(int) count];
            for (int i = 0; i < v.length; i++) v[i] = s0 + i * d;
            return HostArrays.of(m, v);
        }
        float s0 = start.toType(DataType.FLOAT32, false).getFloat();
        float s1 = limit.toType(DataType.FLOAT32, false).getFloat();
        float d = delta.toType(DataType.FLOAT32, false).getFloat();
        int count = (int) Math.max(0, Math.ceil((s1 - s0) / d));
        float[] v = new float[count];
        for (int i = 0; i < count; i++) v[i] = s0 + i * d;
        return HostArrays.of(m, v, new Shape(count));
    }

    /**
     * Trilu: the upper ({@code upper} 1, the default) or lower triangle of the last two axes,
     * shifted by {@code k}; the rest zero (false). A mask and where, so gradients flow.
     */
    private static NDArray trilu(OnnxGraph.Node n, NDArray a, NDArray kIn) {
        long k = kIn == null ? 0 : longs(kIn)[0];
        boolean upper = integer(n, "upper", 1) != 0;
        long[] s = a.getShape().getShape();
        long rows = s[s.length - 2];
        long cols = s[s.length - 1];
        float[] keep = new float[(int) (rows * cols)];
        for (long i = 0; i < rows; i++) {
            for (long j = 0; j < cols; j++) {
                keep[(int) (i * cols + j)] = (upper ? j - i >= k : j - i <= k) ? 1 : 0;
            }
        }
        NDArray mask = HostArrays.of(a.getManager(), keep, new Shape(rows, cols)).gt(0.5f);
        return NDArrays.where(mask, a, a.zerosLike());
    }

    /** An integer input (shape, axes, sizes) read on the host; never a parameter's value. */
    private static long[] longs(NDArray a) {
        return a.toType(DataType.INT64, false).toLongArray();
    }

    private static NDArray constant(OnnxGraph.Node n, NDManager m) {
        Map<String, OnnxGraph.Attribute> at = n.attributes();
        if (at.get("value") != null) return upload(at.get("value").t(), m);
        if (at.get("value_float") != null) return m.create((float) at.get("value_float").f());
        if (at.get("value_int") != null) {
            return HostArrays.of(m, new long[] {at.get("value_int").i()}).reshape(new Shape());
        }
        if (at.get("value_floats") != null) {
            List<Float> f = at.get("value_floats").floats();
            float[] v = new float[f.size()];
            for (int i = 0; i < v.length; i++) v[i] = f.get(i);
            return HostArrays.of(m, v, new Shape(v.length));
        }
        return HostArrays.of(
                m, at.get("value_ints").ints().stream().mapToLong(Long::longValue).toArray());
    }

    /**
     * A constant tensor in {@code m}: float32 for floating types, boolean for bool, int64 for the
     * other integer types.
     */
    static NDArray upload(OnnxGraph.Tensor t, NDManager m) {
        Shape shape = new Shape(t.dims());
        if (t.isFloat()) return HostArrays.of(m, t.floats(), shape);
        NDArray longs = HostArrays.of(m, t.longs()).reshape(shape);
        return t.dataType() == OnnxGraph.Tensor.BOOL
                ? longs.toType(DataType.BOOLEAN, false)
                : longs;
    }

    private static int axis(OnnxGraph.Node n, NDArray a, long fallback) {
        long axis = integer(n, "axis", fallback);
        int rank = a.getShape().dimension();
        return (int) (axis < 0 ? axis + rank : axis);
    }

    private static Shape shape2(OnnxGraph.Node n, String name, long fallback) {
        List<Long> v = ints(n, name, List.of(fallback, fallback));
        return new Shape(v.stream().mapToLong(Long::longValue).toArray());
    }

    /** Symmetric pads (checked) as the begin half; VALID and absent pads are zero. */
    private static Shape pads(OnnxGraph.Node n) {
        List<Long> v = ints(n, "pads", List.of());
        if (v.isEmpty() || string(n, "auto_pad", "NOTSET").equals("VALID")) {
            return new Shape(0, 0);
        }
        return new Shape(v.subList(0, v.size() / 2).stream().mapToLong(Long::longValue).toArray());
    }

    static long integer(OnnxGraph.Node n, String name, long fallback) {
        OnnxGraph.Attribute a = n.attributes().get(name);
        return a == null ? fallback : a.i();
    }

    private static float floating(OnnxGraph.Node n, String name, float fallback) {
        OnnxGraph.Attribute a = n.attributes().get(name);
        return a == null ? fallback : a.f();
    }

    private static String string(OnnxGraph.Node n, String name, String fallback) {
        OnnxGraph.Attribute a = n.attributes().get(name);
        return a == null || a.s() == null ? fallback : a.s();
    }

    static List<Long> ints(OnnxGraph.Node n, String name, List<Long> fallback) {
        OnnxGraph.Attribute a = n.attributes().get(name);
        return a == null ? fallback : a.ints();
    }
}
