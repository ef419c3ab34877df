package dev.isthmus.workers.align;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * How far pairwise alignments are from one common frame: for models A, B, C with maps P_AB (B onto
 * A), P_BC and P_AC, the units of each permutation group on which going from C to A through B
 * (P_BC, then P_AB) lands elsewhere than P_AC does. Maps induced by one frame per model, as
 * MergeMany's, agree exactly ({@link #induced}); independent pairwise weight matching need not (the
 * cycle-consistency problem of multi-model matching, e.g. Crisostomi et al. 2025, "C²M³").
 */
public final class CycleConsistency {

    /**
     * One group of one triple.
     *
     * @param units the group's size
     * @param disagree units whose composed map differs from the direct one
     */
    public record Group(String group, int units, int disagree) {
        public double fraction() {
            return units == 0 ? 0 : (double) disagree / units;
        }
    }

    /**
     * One triple of models (indices a < b < c).
     *
     * @param fraction disagreeing units over all units of every group
     * @param worst the largest group fraction
     */
    public record Triple(int a, int b, int c, List<Group> groups, double fraction, double worst) {}

    /** The map aligning model j onto model i, for i < j. */
    @FunctionalInterface
    public interface PairMaps {
        Map<String, int[]> get(int i, int j);
    }

    private CycleConsistency() {}

    /** Every triple a < b < c of {@code k} models, in lexicographic order. */
    public static List<Triple> all(int k, PairMaps maps) {
        List<Triple> out = new ArrayList<>();
        for (int a = 0; a < k; a++) {
            for (int b = a + 1; b < k; b++) {
                for (int c = b + 1; c < k; c++) {
                    out.add(triple(a, b, c, maps.get(a, b), maps.get(b, c), maps.get(a, c)));
                }
            }
        }
        return out;
    }

    /** The error of one triple, group by group in the direct map's group order. */
    public static Triple triple(
            int a,
            int b,
            int c,
            Map<String, int[]> ab,
            Map<String, int[]> bc,
            Map<String, int[]> ac) {
        List<Group> groups = new ArrayList<>();
        long units = 0;
        long disagree = 0;
        double worst = 0;
        for (Map.Entry<String, int[]> e : new java.util.TreeMap<>(ac).entrySet()) {
            int[] direct = e.getValue();
            // C's unit in A's slot i through B: B's unit there is ab[i], C's unit in that slot
            // bc[.]
            int[] through = Permutations.compose(bc.get(e.getKey()), ab.get(e.getKey()));
            int wrong = 0;
            for (int i = 0; i < direct.length; i++) if (through[i] != direct[i]) wrong++;
            Group g = new Group(e.getKey(), direct.length, wrong);
            groups.add(g);
            units += direct.length;
            disagree += wrong;
            worst = Math.max(worst, g.fraction());
        }
        double fraction = units == 0 ? 0 : (double) disagree / units;
        return new Triple(a, b, c, List.copyOf(groups), fraction, worst);
    }

    /**
     * The pairwise map that two models' maps into one frame induce: model j onto model i, {@code
     * frameJ} then the inverse of {@code frameI}.
     */
    public static SortedMap<String, int[]> induced(
            Map<String, int[]> frameI, Map<String, int[]> frameJ) {
        return Permutations.compose(frameJ, Permutations.inverse(frameI));
    }

    /** The mean of the triples' fractions (0 for fewer than three models). */
    public static double mean(List<Triple> triples) {
        return triples.stream().mapToDouble(Triple::fraction).average().orElse(0);
    }
}
