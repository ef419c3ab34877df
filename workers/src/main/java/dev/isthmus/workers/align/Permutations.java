package dev.isthmus.workers.align;

import dev.isthmus.api.validation.BadInputException;
import dev.isthmus.workers.io.HostTensor;
import dev.isthmus.workers.models.PermutationSpec;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Applies permutations to parameters. Convention of Git Re-Basin's {@code take}: permuting axis
 * {@code k} by {@code p} gives {@code out[..., i, ...] = in[..., p[i], ...]}, so {@code p[i]} is
 * the unit of B that lands in A's slot {@code i}.
 */
public final class Permutations {
    private Permutations() {}

    /** Permutes one axis of a row-major array of the given shape. */
    public static float[] permuteAxis(float[] data, long[] shape, int axis, int[] perm) {
        int n = (int) shape[axis];
        if (perm.length != n) {
            throw new BadInputException(
                    "permutation of length " + perm.length + " for an axis of size " + n);
        }
        int outer = 1;
        for (int d = 0; d < axis; d++) outer *= (int) shape[d];
        int inner = 1;
        for (int d = axis + 1; d < shape.length; d++) inner *= (int) shape[d];
        float[] out = new float[data.length];
        for (int o = 0; o < outer; o++) {
            int base = o * n * inner;
            for (int i = 0; i < n; i++) {
                System.arraycopy(data, base + perm[i] * inner, out, base + i * inner, inner);
            }
        }
        return out;
    }

    /**
     * One parameter with the permutations of every axis but {@code axis} applied, laid out as a
     * (shape[axis], rest) float64 matrix with {@code axis} first and the other axes, in their
     * order, flattened. This is the operand weight matching multiplies, built in one pass.
     *
     * @param axisPerms one permutation per axis, or null for an unpermuted axis
     */
    public static double[] axisFirst(float[] data, long[] shape, int axis, int[][] axisPerms) {
        int rank = shape.length;
        int[] stride = new int[rank];
        int s = 1;
        for (int d = rank - 1; d >= 0; d--) {
            stride[d] = s;
            s *= (int) shape[d];
        }
        int n = (int) shape[axis];
        int rest = data.length / Math.max(n, 1);
        double[] out = new double[data.length];
        int[] others = new int[rank - 1];
        for (int d = 0, k = 0; d < rank; d++) if (d != axis) others[k++] = d;
        int[] offsets = new int[rest]; // source offset of each column, other axes permuted
        int[] index = new int[others.length]; // multi-index over the other axes, row-major
        for (int j = 0; j < rest; j++) {
            int offset = 0;
            for (int k = 0; k < others.length; k++) {
                int d = others[k];
                offset += (axisPerms[d] == null ? index[k] : axisPerms[d][index[k]]) * stride[d];
            }
            offsets[j] = offset;
            for (int k = others.length - 1; k >= 0; k--) {
                if (++index[k] < shape[others[k]]) break;
                index[k] = 0;
            }
        }
        int step = stride[axis];
        for (int i = 0; i < n; i++) {
            int row = i * rest;
            int base = i * step;
            for (int j = 0; j < rest; j++) out[row + j] = data[offsets[j] + base];
        }
        return out;
    }

    /** One parameter with every permuted axis applied, except {@code skipAxis} (−1: none). */
    public static float[] permuted(
            PermutationSpec spec,
            Map<String, int[]> perms,
            String name,
            HostTensor t,
            int skipAxis) {
        float[] data = t.toFloats();
        List<String> axes = spec.axesToPerm().get(name);
        for (int axis = 0; axis < axes.size(); axis++) {
            String p = axes.get(axis);
            if (p != null && axis != skipAxis)
                data = permuteAxis(data, t.shape(), axis, perms.get(p));
        }
        return data;
    }

    /**
     * Every parameter with every permutation applied: the aligned network. A tensor no permutation
     * acts on (a classifier bias, an int64 BatchNorm counter) is kept as it is, dtype included.
     */
    public static SortedMap<String, HostTensor> apply(
            PermutationSpec spec, Map<String, int[]> perms, Map<String, HostTensor> params) {
        SortedMap<String, HostTensor> out = new TreeMap<>();
        params.forEach(
                (name, t) -> {
                    List<String> axes = spec.axesToPerm().get(name);
                    if (axes == null) {
                        throw new BadInputException(
                                "the permutation spec does not name tensor " + name);
                    }
                    boolean permuted = axes.stream().anyMatch(p -> p != null);
                    out.put(
                            name,
                            permuted
                                    ? HostTensor.ofFloats(
                                            t.shape(), permuted(spec, perms, name, t, -1))
                                    : t);
                });
        return out;
    }

    /** The identity permutation for every group. */
    public static SortedMap<String, int[]> identity(Map<String, Integer> sizes) {
        SortedMap<String, int[]> out = new TreeMap<>();
        sizes.forEach(
                (p, n) -> {
                    int[] id = new int[n];
                    for (int i = 0; i < n; i++) id[i] = i;
                    out.put(p, id);
                });
        return out;
    }

    /** Uniformly random permutations for every group (for tests and planted problems). */
    public static SortedMap<String, int[]> random(Map<String, Integer> sizes, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        SortedMap<String, int[]> out = identity(sizes);
        for (int[] p : out.values()) shuffle(p, rng);
        return out;
    }

    /** The inverse permutation: {@code inverse(p)[p[i]] = i}. */
    public static int[] inverse(int[] p) {
        int[] inv = new int[p.length];
        for (int i = 0; i < p.length; i++) inv[p[i]] = i;
        return inv;
    }

    /**
     * The permutation that applies {@code first} and then {@code then}: {@code apply(then,
     * apply(first, θ)) = apply(compose(first, then), θ)}, i.e. {@code out[i] = first[then[i]]}.
     */
    public static int[] compose(int[] first, int[] then) {
        if (first.length != then.length) {
            throw new BadInputException(
                    "cannot compose permutations of lengths "
                            + first.length
                            + " and "
                            + then.length);
        }
        int[] out = new int[then.length];
        for (int i = 0; i < then.length; i++) out[i] = first[then[i]];
        return out;
    }

    /** {@link #compose(int[], int[])} group by group; groups missing from a map are identities. */
    public static SortedMap<String, int[]> compose(
            Map<String, int[]> first, Map<String, int[]> then) {
        SortedMap<String, int[]> out = new TreeMap<>();
        java.util.Set<String> groups = new java.util.TreeSet<>(first.keySet());
        groups.addAll(then.keySet());
        for (String p : groups) {
            int[] f = first.get(p);
            int[] t = then.get(p);
            out.put(p, f == null ? t.clone() : t == null ? f.clone() : compose(f, t));
        }
        return out;
    }

    /** {@link #inverse(int[])} group by group. */
    public static SortedMap<String, int[]> inverse(Map<String, int[]> perms) {
        SortedMap<String, int[]> out = new TreeMap<>();
        perms.forEach((p, v) -> out.put(p, inverse(v)));
        return out;
    }

    static void shuffle(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** Euclidean distance between two parameter sets, over every parameter, in float64. */
    public static double distance(Map<String, HostTensor> a, Map<String, HostTensor> b) {
        double sum = 0;
        for (Map.Entry<String, HostTensor> e : a.entrySet()) {
            float[] x = e.getValue().toFloats();
            float[] y = b.get(e.getKey()).toFloats();
            for (int i = 0; i < x.length; i++) {
                double d = (double) x[i] - y[i];
                sum += d * d;
            }
        }
        return Math.sqrt(sum);
    }
}
