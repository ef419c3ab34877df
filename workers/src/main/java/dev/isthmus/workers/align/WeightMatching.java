package dev.isthmus.workers.align;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.isthmus.workers.engine.HostArrays;
import dev.isthmus.workers.io.HostTensor;
import dev.isthmus.workers.models.PermutationSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Weight matching (Ainsworth, Hayase and Srinivasa 2022, "Git Re-Basin", Algorithm 1): coordinate
 * descent over permutation groups. Each step fixes every permutation but one, {@code p}, and solves
 * exactly for it: maximise Σ_i C[i, π(i)] with C = Σ_{(w, axis) ∈ p} W_A · (W_B with the other
 * permutations applied)ᵀ, both with {@code axis} first and flattened, which includes the rank-1
 * terms of biases. Groups are visited in a fresh random order each sweep; descent stops after a
 * sweep that gains at most 1e-12. Costs are float64. A term's product is reused while the
 * permutations of its other axes are unchanged (exact, and most of the work in late sweeps), and
 * each group's assignment is warm-started from its previous optimum ({@link
 * LinearAssignment.Solver}), which late sweeps change little. Blocked groups that share a block
 * order (a transformer block's query/key and value/output heads) form one step, solved exactly by
 * {@link BlockAssignment}. With {@code restarts} > 1 the descent runs again from the same start in
 * other seeded random orders, and the result with the largest objective is kept (the first of
 * equals): coordinate descent stops at a local optimum that depends on the order.
 */
public final class WeightMatching {
    static final double TOLERANCE = 1e-12;

    /**
     * Options of one run.
     *
     * @param maxSweeps most sweeps
     * @param seed orders the groups in each sweep
     * @param start initial permutations (warm start), or null for the identity
     * @param restarts descents from {@code start}, each in its own seeded orders; the first uses
     *     {@code seed} itself, so 1 is the single descent
     */
    public record Options(int maxSweeps, long seed, Map<String, int[]> start, int restarts) {
        public Options {
            if (restarts < 1) {
                throw new IllegalArgumentException("restarts must be >= 1, got " + restarts);
            }
        }

        /** One descent. */
        public Options(int maxSweeps, long seed, Map<String, int[]> start) {
            this(maxSweeps, seed, start, 1);
        }
    }

    /** A term's product and the permutation arrays (by identity) it was computed with. */
    private record Product(List<int[]> perms, NDArray value) {}

    private WeightMatching() {}

    public static Alignment run(
            NDManager parent,
            PermutationSpec spec,
            Map<String, HostTensor> a,
            Map<String, HostTensor> b,
            Options options) {
        return run(parent, spec, a, b, options, true);
    }

    /** As {@link #run}; without {@code warm} every assignment is solved cold (for tests). */
    static Alignment run(
            NDManager parent,
            PermutationSpec spec,
            Map<String, HostTensor> a,
            Map<String, HostTensor> b,
            Options options,
            boolean warm) {
        Map<String, long[]> shapes = new TreeMap<>();
        a.forEach((k, t) -> shapes.put(k, t.shape()));
        SortedMap<String, Integer> sizes = spec.sizes(shapes);
        SortedMap<String, List<PermutationSpec.Axis>> permToAxes = spec.permToAxes();
        Map<String, float[]> bData = new HashMap<>();
        b.forEach((k, t) -> bData.put(k, t.toFloats()));
        long[] seeds = seeds(options.seed(), options.restarts());

        try (NDManager m = parent.newSubManager()) {
            Map<PermutationSpec.Axis, NDArray> aFlat = new HashMap<>();
            permToAxes.forEach(
                    (p, axes) -> {
                        for (PermutationSpec.Axis ax : axes) {
                            HostTensor t = a.get(ax.param());
                            int[][] none = new int[t.shape().length][];
                            aFlat.put(ax, upload(m, t.toFloats(), t.shape(), ax.axis(), none));
                        }
                    });
            Alignment best = null;
            for (long seed : seeds) {
                SortedMap<String, int[]> perms = Permutations.identity(sizes);
                if (options.start() != null) {
                    options.start().forEach((p, v) -> perms.put(p, v.clone()));
                }
                int sweeps;
                try (NDManager descent = m.newSubManager()) {
                    sweeps =
                            descend(
                                    descent, spec, sizes, perms, b, bData, aFlat, options, seed,
                                    warm);
                }
                double objective = objective(a, Permutations.apply(spec, perms, b));
                if (best == null || objective > best.objective()) {
                    best = new Alignment(perms, sweeps, objective);
                }
            }
            return best;
        }
    }

    /**
     * The seed of each descent: {@code seed} first (so that one restart is the single descent),
     * then draws of a generator seeded with it.
     */
    static long[] seeds(long seed, int restarts) {
        long[] seeds = new long[restarts];
        SplittableRandom rng = new SplittableRandom(seed);
        seeds[0] = seed;
        for (int r = 1; r < restarts; r++) seeds[r] = rng.nextLong();
        return seeds;
    }

    /** One coordinate descent from {@code perms}, which it updates; returns the sweeps run. */
    private static int descend(
            NDManager m,
            PermutationSpec spec,
            SortedMap<String, Integer> sizes,
            SortedMap<String, int[]> perms,
            Map<String, HostTensor> b,
            Map<String, float[]> bData,
            Map<PermutationSpec.Axis, NDArray> aFlat,
            Options options,
            long seed,
            boolean warm) {
        SortedMap<String, List<PermutationSpec.Axis>> permToAxes = spec.permToAxes();
        List<List<String>> steps = spec.steps(); // blocked families are solved together
        int[] order = new int[steps.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        SplittableRandom rng = new SplittableRandom(seed);
        Map<PermutationSpec.Axis, Product> cache = new HashMap<>();
        Map<String, List<int[]>> solvedWith = new HashMap<>();
        Map<String, LinearAssignment.Solver> solvers = new HashMap<>();
        int sweeps = 0;
        boolean progress = true;
        while (progress && sweeps < options.maxSweeps()) {
            progress = false;
            sweeps++;
            Permutations.shuffle(order, rng);
            for (int g : order) {
                List<String> step = steps.get(g);
                String p = step.get(0);
                List<int[]> inputs = new ArrayList<>();
                for (String q : step) inputs.addAll(neighbours(spec, perms, permToAxes.get(q)));
                if (sameArrays(inputs, solvedWith.get(p))) {
                    continue; // same costs as when p was last solved: same answer
                }
                int n = sizes.get(p);
                List<double[]> costs = new ArrayList<>();
                for (String q : step) {
                    costs.add(cost(m, spec, perms, b, bData, permToAxes.get(q), aFlat, cache, n));
                }
                int[][] next;
                PermutationSpec.Blocked blocked = spec.blocks().get(p);
                if (blocked == null) {
                    LinearAssignment.Solver solver =
                            solvers.computeIfAbsent(p, k -> LinearAssignment.Solver.maximizing(n));
                    if (!warm) solver.reset();
                    next = new int[][] {solver.solve(costs.get(0)).colInd()};
                } else {
                    next = BlockAssignment.maximize(costs, n, blocked.size());
                }
                solvedWith.put(p, inputs);
                double found = 0;
                double current = 0;
                for (int i = 0; i < step.size(); i++) {
                    found += trace(costs.get(i), next[i], n);
                    current += trace(costs.get(i), perms.get(step.get(i)), n);
                }
                if (found > current + TOLERANCE) {
                    for (int i = 0; i < step.size(); i++) {
                        perms.put(step.get(i), next[i]); // new arrays: caches see the change
                    }
                    progress = true;
                }
            }
        }
        return sweeps;
    }

    /** C = Σ W_A (axis first, flattened) · (permuted W_B, same layout)ᵀ, as an n×n array. */
    private static double[] cost(
            NDManager m,
            PermutationSpec spec,
            Map<String, int[]> perms,
            Map<String, HostTensor> b,
            Map<String, float[]> bData,
            List<PermutationSpec.Axis> axes,
            Map<PermutationSpec.Axis, NDArray> aFlat,
            Map<PermutationSpec.Axis, Product> cache,
            int n) {
        try (NDArray sum = m.zeros(new Shape(n, n), DataType.FLOAT64)) {
            for (PermutationSpec.Axis ax : axes) {
                List<String> names = spec.axesToPerm().get(ax.param());
                int[][] axisPerms = new int[names.size()][];
                List<int[]> used = new ArrayList<>();
                for (int d = 0; d < names.size(); d++) {
                    if (d != ax.axis() && names.get(d) != null) {
                        axisPerms[d] = perms.get(names.get(d));
                        used.add(axisPerms[d]);
                    }
                }
                Product cached = cache.get(ax);
                if (cached == null || !sameArrays(cached.perms(), used)) {
                    long[] shape = b.get(ax.param()).shape();
                    try (NDArray bFlat =
                                    upload(m, bData.get(ax.param()), shape, ax.axis(), axisPerms);
                            NDArray bT = bFlat.transpose()) {
                        NDArray product = aFlat.get(ax).matMul(bT); // (n, n)
                        if (cached != null) cached.value().close();
                        cached = new Product(used, product);
                        cache.put(ax, cached);
                    }
                }
                sum.addi(cached.value());
            }
            return sum.toDoubleArray();
        }
    }

    private static NDArray upload(
            NDManager m, float[] data, long[] shape, int axis, int[][] axisPerms) {
        double[] flat = Permutations.axisFirst(data, shape, axis, axisPerms);
        return HostArrays.of(m, flat, new Shape(shape[axis], flat.length / shape[axis]));
    }

    /** The permutation arrays, other than p's own, that p's cost matrix depends on. */
    private static List<int[]> neighbours(
            PermutationSpec spec, Map<String, int[]> perms, List<PermutationSpec.Axis> axes) {
        List<int[]> used = new ArrayList<>();
        for (PermutationSpec.Axis ax : axes) {
            List<String> names = spec.axesToPerm().get(ax.param());
            for (int d = 0; d < names.size(); d++) {
                if (d != ax.axis() && names.get(d) != null) used.add(perms.get(names.get(d)));
            }
        }
        return used;
    }

    private static boolean sameArrays(List<int[]> x, List<int[]> y) {
        if (x == null || y == null || x.size() != y.size()) return false;
        for (int i = 0; i < x.size(); i++) if (x.get(i) != y.get(i)) return false;
        return true;
    }

    static double trace(double[] cost, int[] perm, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) s += cost[i * n + perm[i]];
        return s;
    }

    /** Σ over parameters of ⟨W_A, W_B⟩ in float64: what weight matching maximises. */
    public static double objective(Map<String, HostTensor> a, Map<String, HostTensor> b) {
        double s = 0;
        for (Map.Entry<String, HostTensor> e : a.entrySet()) {
            float[] x = e.getValue().toFloats();
            float[] y = b.get(e.getKey()).toFloats();
            for (int i = 0; i < x.length; i++) s += (double) x[i] * y[i];
        }
        return s;
    }
}
