package dev.isthmus.workers.align;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.isthmus.workers.io.HostTensor;
import dev.isthmus.workers.models.Mlp;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

/** The cycle error of three pairwise maps, and the composition it relies on. */
class CycleConsistencyTest {

    @Test
    void composingIsApplyingOnePermutationAfterTheOther() {
        Mlp mlp = new Mlp(6, List.of(5, 4), 3);
        var spec = mlp.permutationSpec();
        var sizes = spec.sizes(mlp.parameterShapes());
        SortedMap<String, int[]> first = Permutations.random(sizes, 1);
        SortedMap<String, int[]> then = Permutations.random(sizes, 2);
        SortedMap<String, HostTensor> theta = mlp.initialise(0);
        assertEquals(
                Permutations.apply(spec, then, Permutations.apply(spec, first, theta)),
                Permutations.apply(spec, Permutations.compose(first, then), theta));
    }

    @Test
    void mapsThroughOneFrameAgreeAndOneSwapIsTwoUnits() {
        // C's unit in A's slot i through B is bc[ab[i]].
        int[] ab = {2, 0, 1, 3};
        int[] bc = {1, 3, 0, 2};
        int[] ac = {0, 1, 3, 2};
        CycleConsistency.Triple t =
                CycleConsistency.triple(0, 1, 2, Map.of("P", ab), Map.of("P", bc), Map.of("P", ac));
        assertEquals(0.0, t.fraction());

        int[] off = {1, 0, 3, 2}; // slots 0 and 1 swapped
        t = CycleConsistency.triple(0, 1, 2, Map.of("P", ab), Map.of("P", bc), Map.of("P", off));
        assertEquals(new CycleConsistency.Group("P", 4, 2), t.groups().get(0));
        assertEquals(0.5, t.fraction());
        assertEquals(0.5, t.worst());
    }

    @Test
    void theFractionOfATripleCountsUnitsOverEveryGroup() {
        Map<String, int[]> id = Map.of("P", new int[] {0, 1}, "Q", new int[] {0, 1, 2, 3, 4, 5});
        Map<String, int[]> oneWrong =
                Map.of("P", new int[] {1, 0}, "Q", new int[] {0, 1, 2, 3, 4, 5});
        CycleConsistency.Triple t = CycleConsistency.triple(0, 1, 2, id, id, oneWrong);
        assertEquals(2.0 / 8, t.fraction());
        assertEquals(1.0, t.worst());
    }

    @Test
    void theInducedMapMovesJIntoIsFrame() {
        int[] frameI = {2, 0, 1};
        int[] frameJ = {1, 2, 0};
        int[] ij = CycleConsistency.induced(Map.of("P", frameI), Map.of("P", frameJ)).get("P");
        // applying ij to J gives J in I's own unit order: J's unit frameJ[s] sits where I's
        // frameI[s] is
        for (int s = 0; s < 3; s++) assertEquals(frameJ[s], ij[frameI[s]]);
        assertArrayEquals(new int[] {2, 0, 1}, ij);
    }
}
