package dev.isthmus.workers.align;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The blocked step is the exact optimum over block orders and within-block orders. */
class BlockAssignmentTest {

    @Test
    void matchesBruteForceOverEveryBlockStructuredPermutation() {
        int blocks = 3;
        int size = 2;
        int n = blocks * size;
        for (long seed = 0; seed < 20; seed++) {
            List<double[]> costs =
                    List.of(
                            TransformerSymmetryTest.gaussian(n * n, seed),
                            TransformerSymmetryTest.gaussian(n * n, seed + 100));
            int[][] found = BlockAssignment.maximize(costs, n, size);
            double best = Double.NEGATIVE_INFINITY;
            for (int[] pi : permutations(blocks)) {
                double total = 0;
                for (double[] c : costs) { // each group picks its best within-block orders
                    for (int h = 0; h < blocks; h++) {
                        double pair = Double.NEGATIVE_INFINITY;
                        for (int[] sigma : permutations(size)) {
                            double s = 0;
                            for (int j = 0; j < size; j++) {
                                s += c[(h * size + j) * n + pi[h] * size + sigma[j]];
                            }
                            pair = Math.max(pair, s);
                        }
                        total += pair;
                    }
                }
                best = Math.max(best, total);
            }
            double got = 0;
            for (int g = 0; g < 2; g++) got += WeightMatching.trace(costs.get(g), found[g], n);
            assertEquals(best, got, 1e-12, "seed " + seed);
            for (int h = 0; h < blocks; h++) { // both groups move the same block
                assertEquals(found[0][h * size] / size, found[1][h * size] / size);
                assertEquals(found[0][h * size] / size, found[0][h * size + 1] / size);
            }
        }
    }

    @Test
    void refusesAnAxisThatIsNotWholeBlocks() {
        var e =
                org.junit.jupiter.api.Assertions.assertThrows(
                        IllegalArgumentException.class,
                        () -> BlockAssignment.maximize(List.of(new double[49]), 7, 2));
        assertEquals("blocked axis of size 7 is not a multiple of blocks of 2", e.getMessage());
    }

    private static List<int[]> permutations(int n) {
        List<int[]> out = new ArrayList<>();
        permute(new int[n], new boolean[n], 0, out);
        return out;
    }

    private static void permute(int[] p, boolean[] used, int k, List<int[]> out) {
        if (k == p.length) {
            out.add(p.clone());
            return;
        }
        for (int i = 0; i < p.length; i++) {
            if (used[i]) continue;
            used[i] = true;
            p[k] = i;
            permute(p, used, k + 1, out);
            used[i] = false;
        }
    }
}
