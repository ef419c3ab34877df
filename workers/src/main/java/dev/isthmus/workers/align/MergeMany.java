package dev.isthmus.workers.align;

import ai.djl.ndarray.NDManager;
import dev.isthmus.api.validation.BadInputException;
import dev.isthmus.workers.io.HostTensor;
import dev.isthmus.workers.models.Model;
import dev.isthmus.workers.models.PermutationSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * MergeMany (Ainsworth, Hayase and Srinivasa 2022, "Git Re-Basin", Algorithm 3 and the repository's
 * MergeMany script): aligns k models into one common permutation frame. Each step takes one model,
 * averages the others as they sit in the frame (uniformly, as the paper does) and solves {@link
 * WeightMatching} of the model's own weights onto that mean, warm-started from its current
 * permutations. A pass visits every model in one order drawn once from the seed; descent stops
 * after a pass that changes no permutation, or after {@code maxIterations} passes. The frame is
 * then renamed so that the first model's permutations are identities (permuting every model alike
 * changes no function), so a merge lands in the first model's unit order. BatchNorm statistics are
 * left out of the costs, as in pairwise weight matching, and follow the permutations.
 */
public final class MergeMany {

    /**
     * Options of one run.
     *
     * @param maxIterations most passes over the models
     * @param maxSweeps most weight-matching sweeps per step
     * @param seed draws the order of the models and every step's weight-matching seed
     */
    public record Options(int maxIterations, int maxSweeps, long seed) {}

    /**
     * The common frame.
     *
     * @param perms per model, per group: {@code perms.get(m).get(p)[i]} is model m's unit placed in
     *     the frame's slot i; the first model's are identities
     * @param iterations passes run
     * @param converged whether the last pass changed no permutation
     */
    public record Result(List<SortedMap<String, int[]>> perms, int iterations, boolean converged) {}

    private MergeMany() {}

    public static Result run(
            NDManager manager,
            Model model,
            List<? extends Map<String, HostTensor>> models,
            Options options) {
        if (models.size() < 2) {
            throw new BadInputException(
                    "merge-many aligns at least 2 models, got " + models.size());
        }
        if (options.maxIterations() < 1 || options.maxSweeps() < 1) {
            throw new BadInputException(
                    "merge-many: expected at least 1 iteration and 1 sweep, got "
                            + options.maxIterations()
                            + " and "
                            + options.maxSweeps());
        }
        Set<String> buffers = model.buffers();
        PermutationSpec spec = model.permutationSpec().withoutTensors(buffers);
        List<Map<String, HostTensor>> weights = new ArrayList<>();
        for (Map<String, HostTensor> m : models) weights.add(without(m, buffers));
        Map<String, long[]> shapes = new TreeMap<>();
        weights.get(0).forEach((name, t) -> shapes.put(name, t.shape()));
        SortedMap<String, Integer> sizes = spec.sizes(shapes);

        int k = models.size();
        List<SortedMap<String, int[]>> frames = new ArrayList<>();
        List<Map<String, HostTensor>> aligned = new ArrayList<>(weights);
        for (int i = 0; i < k; i++) frames.add(Permutations.identity(sizes));
        SplittableRandom rng = new SplittableRandom(options.seed());
        int[] order = new int[k];
        for (int i = 0; i < k; i++) order[i] = i;
        Permutations.shuffle(order, rng);

        int iterations = 0;
        boolean changed = true;
        while (changed && iterations < options.maxIterations()) {
            iterations++;
            changed = false;
            for (int i : order) {
                Map<String, HostTensor> target = meanOfOthers(aligned, i);
                Alignment r =
                        WeightMatching.run(
                                manager,
                                spec,
                                target,
                                weights.get(i),
                                new WeightMatching.Options(
                                        options.maxSweeps(), rng.nextLong(), frames.get(i)));
                if (!same(r.perms(), frames.get(i))) {
                    frames.set(i, r.perms());
                    aligned.set(i, Permutations.apply(spec, r.perms(), weights.get(i)));
                    changed = true;
                }
            }
        }
        SortedMap<String, int[]> back = Permutations.inverse(frames.get(0));
        List<SortedMap<String, int[]>> perms = new ArrayList<>();
        for (SortedMap<String, int[]> frame : frames) perms.add(Permutations.compose(frame, back));
        return new Result(List.copyOf(perms), iterations, !changed);
    }

    /** The uniform mean of every model but {@code skip}, summed in float64 in model order. */
    static Map<String, HostTensor> meanOfOthers(List<Map<String, HostTensor>> models, int skip) {
        Map<String, HostTensor> out = new TreeMap<>();
        for (String name : models.get(0).keySet()) {
            long[] shape = models.get(0).get(name).shape();
            double[] sum = null;
            for (int j = 0; j < models.size(); j++) {
                if (j == skip) continue;
                float[] x = models.get(j).get(name).toFloats();
                if (sum == null) sum = new double[x.length];
                for (int e = 0; e < x.length; e++) sum[e] += x[e];
            }
            float[] mean = new float[sum.length];
            for (int e = 0; e < sum.length; e++) mean[e] = (float) (sum[e] / (models.size() - 1));
            out.put(name, HostTensor.ofFloats(shape, mean));
        }
        return out;
    }

    private static boolean same(Map<String, int[]> x, Map<String, int[]> y) {
        if (!x.keySet().equals(y.keySet())) return false;
        for (String p : x.keySet()) if (!Arrays.equals(x.get(p), y.get(p))) return false;
        return true;
    }

    private static Map<String, HostTensor> without(Map<String, HostTensor> t, Set<String> names) {
        Map<String, HostTensor> kept = new TreeMap<>(t);
        kept.keySet().removeAll(names);
        return kept;
    }
}
