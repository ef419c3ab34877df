package dev.isthmus.workers.align;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import dev.isthmus.workers.engine.Compute;
import dev.isthmus.workers.io.HostTensor;
import dev.isthmus.workers.merge.Average;
import dev.isthmus.workers.models.Mlp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** MergeMany on k hidden permutations of one network: it must find them up to one frame. */
class MergeManyTest {
    private static final Mlp MLP = new Mlp(30, List.of(48, 32), 5);
    private static final int K = 4;

    /** The planted permutations: copy m is {@code apply(planted.get(m), θ)}. */
    private static List<SortedMap<String, int[]>> planted() {
        List<SortedMap<String, int[]>> out = new ArrayList<>();
        for (int m = 0; m < K; m++) {
            out.add(
                    Permutations.random(
                            MLP.permutationSpec().sizes(MLP.parameterShapes()), 20 + m));
        }
        return out;
    }

    private static List<SortedMap<String, HostTensor>> copies(
            List<SortedMap<String, int[]>> planted, double noise) {
        SortedMap<String, HostTensor> theta = MLP.initialise(1);
        SplittableRandom rng = new SplittableRandom(3);
        List<SortedMap<String, HostTensor>> out = new ArrayList<>();
        for (SortedMap<String, int[]> p : planted) {
            SortedMap<String, HostTensor> copy = new TreeMap<>();
            Permutations.apply(MLP.permutationSpec(), p, theta)
                    .forEach(
                            (name, t) -> {
                                float[] v = t.toFloats();
                                for (int i = 0; i < v.length; i++) {
                                    v[i] += (float) (noise * (2 * rng.nextDouble() - 1));
                                }
                                copy.put(name, HostTensor.ofFloats(t.shape(), v));
                            });
            out.add(copy);
        }
        return out;
    }

    private static MergeMany.Result run(List<SortedMap<String, HostTensor>> models, long seed) {
        try (NDManager m = Compute.manager(Device.cpu(), 1)) {
            return MergeMany.run(m, MLP, models, new MergeMany.Options(50, 100, seed));
        }
    }

    @Test
    void recoversPlantedPermutationsUpToTheFirstModelsFrameDespiteNoise() {
        List<SortedMap<String, int[]>> planted = planted();
        // Noise of 0.01 against weights of up to 1/sqrt(30) = 0.18: the copies are not equal.
        MergeMany.Result r = run(copies(planted, 0.01), 5);
        assertTrue(r.converged(), "not converged after " + r.iterations());
        for (int m = 0; m < K; m++) {
            for (String p : planted.get(0).keySet()) {
                // model m's frame map undoes its own permutation and applies the first's
                assertArrayEquals(
                        planted.get(0).get(p),
                        Permutations.compose(planted.get(m).get(p), r.perms().get(m).get(p)),
                        "model " + m + " group " + p);
            }
        }
        r.perms().get(0).values().forEach(v -> assertArrayEquals(identity(v.length), v));
    }

    @Test
    void theMergeOfPermutedCopiesOfOneModelIsThatModel() {
        List<SortedMap<String, HostTensor>> models = copies(planted(), 0);
        MergeMany.Result r = run(models, 0);
        double[] uniform = {0.25, 0.25, 0.25, 0.25};
        assertEquals(models.get(0), Average.of(MLP, models, r.perms(), uniform));
        List<Map<String, int[]>> none = List.of(Map.of(), Map.of(), Map.of(), Map.of());
        double naive = Permutations.distance(models.get(0), Average.of(MLP, models, none, uniform));
        assertTrue(naive > 1, "the unaligned average is far from the model: " + naive);
    }

    @Test
    void theSameInputsAndSeedGiveTheSamePermutations() {
        List<SortedMap<String, HostTensor>> models = new ArrayList<>();
        for (int m = 0; m < 3; m++) models.add(MLP.initialise(40 + m)); // unrelated networks
        MergeMany.Result x = run(models, 9);
        MergeMany.Result y = run(models, 9);
        assertEquals(x.iterations(), y.iterations());
        for (int m = 0; m < 3; m++) {
            for (String p : x.perms().get(m).keySet()) {
                assertArrayEquals(x.perms().get(m).get(p), y.perms().get(m).get(p), p);
            }
        }
        assertTrue(x.iterations() >= 2, "a pass that changes nothing ends it");
    }

    @Test
    void itsInducedPairwiseMapsAreCycleConsistentAndIndependentPairwiseMatchingIsNot() {
        List<SortedMap<String, HostTensor>> models = new ArrayList<>();
        for (int m = 0; m < 4; m++) models.add(MLP.initialise(60 + m));
        MergeMany.Result r = run(models, 1);
        List<CycleConsistency.Triple> frame =
                CycleConsistency.all(
                        4, (i, j) -> CycleConsistency.induced(r.perms().get(i), r.perms().get(j)));
        assertEquals(4, frame.size());
        for (CycleConsistency.Triple t : frame) assertEquals(0.0, t.fraction(), t.toString());

        List<CycleConsistency.Triple> pairwise;
        try (NDManager m = Compute.manager(Device.cpu(), 1)) {
            pairwise =
                    CycleConsistency.all(
                            4,
                            (i, j) ->
                                    WeightMatching.run(
                                                    m,
                                                    MLP.permutationSpec(),
                                                    models.get(i),
                                                    models.get(j),
                                                    new WeightMatching.Options(100, 0, null))
                                            .perms());
        }
        for (CycleConsistency.Triple t : pairwise) {
            assertTrue(t.fraction() > 0.1, "pairwise matching of unrelated nets: " + t);
        }
    }

    @Test
    void pairwiseMatchingOfPermutedCopiesOfOneNetworkIsCycleConsistent() {
        // Each pair's exact recovery composes: a wrong composition order would show errors here.
        List<SortedMap<String, HostTensor>> models = copies(planted(), 0);
        List<CycleConsistency.Triple> triples;
        try (NDManager m = Compute.manager(Device.cpu(), 1)) {
            triples =
                    CycleConsistency.all(
                            K,
                            (i, j) ->
                                    WeightMatching.run(
                                                    m,
                                                    MLP.permutationSpec(),
                                                    models.get(i),
                                                    models.get(j),
                                                    new WeightMatching.Options(100, 0, null))
                                            .perms());
        }
        assertEquals(4, triples.size());
        for (CycleConsistency.Triple t : triples) assertEquals(0.0, t.fraction(), t.toString());
    }

    private static int[] identity(int n) {
        int[] id = new int[n];
        for (int i = 0; i < n; i++) id[i] = i;
        return id;
    }
}
