package dev.isthmus.workers.align;

import dev.isthmus.api.validation.BadInputException;
import dev.isthmus.workers.models.PermutationSpec;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SplittableRandom;

/**
 * The weight-matching step for blocked groups (attention heads): groups g = 1..k act on axes of H
 * blocks of {@code size} units; a permutation moves block π(h) of B to slot h of A, the same π for
 * every group, and permutes units within each block by its own σ_{g,h}. With the other permutations
 * fixed the objective is Σ_g Σ_h f_g(h, π(h), σ_{g,h}), so for each pair of blocks the best σ_{g,h}
 * is an assignment on the (size × size) sub-matrix of group g's cost, and π is then an assignment
 * on the H × H matrix of the summed optimal values: the step is exact over the whole group S_size ≀
 * S_H per group, as Git Re-Basin's steps are over S_n (Ainsworth et al. 2022; head permutations as
 * in Theus et al. 2025, "Generalized Linear Mode Connectivity for Transformers").
 */
public final class BlockAssignment {
    private BlockAssignment() {}

    /**
     * The optimal block-structured permutations.
     *
     * @param costs per group, its (n × n) weight-matching cost, row-major, n = H · size
     * @return per group, the full permutation of its n units: {@code perm[h·size + j] = π(h)·size +
     *     σ_{g,h}(j)}
     */
    public static int[][] maximize(List<double[]> costs, int n, int size) {
        if (size < 1 || n % size != 0) {
            throw new BadInputException(
                    "blocked axis of size " + n + " is not a multiple of blocks of " + size);
        }
        int blocks = n / size;
        int groups = costs.size();
        double[] headCost = new double[Math.multiplyExact(blocks, blocks)]; // (H, H)
        int[][][] within =
                new int[groups][Math.multiplyExact(blocks, blocks)][]; // σ for each (h, h')
        double[] sub = new double[Math.multiplyExact(size, size)];
        for (int g = 0; g < groups; g++) {
            double[] c = costs.get(g);
            for (int h = 0; h < blocks; h++) {
                for (int k = 0; k < blocks; k++) {
                    for (int i = 0; i < size; i++) {
                        System.arraycopy(c, (h * size + i) * n + k * size, sub, i * size, size);
                    }
                    LinearAssignment.Result r = LinearAssignment.maximize(sub, size, size);
                    within[g][h * blocks + k] = r.colInd();
                    headCost[h * blocks + k] += r.total();
                }
            }
        }
        int[] pi = LinearAssignment.maximize(headCost, blocks, blocks).colInd();
        int[][] out = new int[groups][n];
        for (int g = 0; g < groups; g++) {
            for (int h = 0; h < blocks; h++) {
                int[] sigma = within[g][h * blocks + pi[h]];
                for (int j = 0; j < size; j++) out[g][h * size + j] = pi[h] * size + sigma[j];
            }
        }
        return out;
    }

    /**
     * Uniformly random permutations respecting the spec: free groups are any permutation; blocked
     * groups share a random block order per family and draw their own within-block orders.
     */
    public static SortedMap<String, int[]> random(
            PermutationSpec spec, Map<String, Integer> sizes, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        SortedMap<String, int[]> out = Permutations.identity(sizes);
        for (List<String> step : spec.steps()) {
            PermutationSpec.Blocked b = spec.blocks().get(step.get(0));
            if (b == null) {
                Permutations.shuffle(out.get(step.get(0)), rng);
                continue;
            }
            int n = sizes.get(step.get(0));
            int[] pi = Permutations.identity(Map.of("", n / b.size())).get("");
            Permutations.shuffle(pi, rng);
            for (String group : step) {
                int[] perm = out.get(group);
                for (int h = 0; h < pi.length; h++) {
                    int[] sigma = Permutations.identity(Map.of("", b.size())).get("");
                    Permutations.shuffle(sigma, rng);
                    for (int j = 0; j < b.size(); j++)
                        perm[h * b.size() + j] = pi[h] * b.size() + sigma[j];
                }
            }
        }
        return out;
    }
}
