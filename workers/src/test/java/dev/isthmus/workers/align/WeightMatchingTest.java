package dev.isthmus.workers.align;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import dev.isthmus.workers.engine.Compute;
import dev.isthmus.workers.io.HostTensor;
import dev.isthmus.workers.models.Mlp;
import java.util.List;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

class WeightMatchingTest {

    private static Alignment run(
            Mlp mlp, SortedMap<String, HostTensor> a, SortedMap<String, HostTensor> b, int sweeps) {
        try (NDManager m = Compute.manager(Device.cpu(), 1)) {
            return WeightMatching.run(
                    m, mlp.permutationSpec(), a, b, new WeightMatching.Options(sweeps, 0, null));
        }
    }

    @Test
    void oneHiddenLayerConvergesAfterOneProductiveSweep() {
        // With one permutation group every step is the exact global optimum: sweep 1 finds it,
        // sweep 2 gains nothing and stops the descent.
        Mlp mlp = new Mlp(12, List.of(40), 5);
        Alignment r = run(mlp, mlp.initialise(1), mlp.initialise(2), 100);
        assertEquals(2, r.sweeps());
        assertTrue(r.objective() > WeightMatching.objective(mlp.initialise(1), mlp.initialise(2)));
    }

    @Test
    void theObjectiveNeverDecreasesFromSweepToSweep() {
        Mlp mlp = new Mlp(20, List.of(48, 48, 48), 6);
        SortedMap<String, HostTensor> a = mlp.initialise(1);
        SortedMap<String, HostTensor> b = mlp.initialise(2);
        double previous = WeightMatching.objective(a, b);
        int converged = run(mlp, a, b, 1000).sweeps();
        assertTrue(converged >= 2, "converged after " + converged);
        for (int k = 1; k <= converged; k++) {
            double now = run(mlp, a, b, k).objective();
            assertTrue(now >= previous - 1e-9, "sweep " + k + ": " + now + " < " + previous);
            previous = now;
        }
    }

    @Test
    void warmStartedAssignmentsGiveTheSameAlignmentAsColdOnes() {
        // Every step's optimum is unique on random weights, so equal optimal totals at each step
        // mean equal permutations and objective at the end.
        Mlp mlp = new Mlp(20, List.of(64, 64, 64), 6);
        SortedMap<String, HostTensor> a = mlp.initialise(3);
        SortedMap<String, HostTensor> b = mlp.initialise(4);
        try (NDManager m = Compute.manager(Device.cpu(), 1)) {
            var options = new WeightMatching.Options(100, 7, null);
            Alignment warm = WeightMatching.run(m, mlp.permutationSpec(), a, b, options, true);
            Alignment cold = WeightMatching.run(m, mlp.permutationSpec(), a, b, options, false);
            assertTrue(warm.sweeps() >= 3, "converged after " + warm.sweeps());
            assertEquals(cold.sweeps(), warm.sweeps());
            assertEquals(cold.objective(), warm.objective());
            cold.perms()
                    .forEach(
                            (p, v) ->
                                    org.junit.jupiter.api.Assertions.assertArrayEquals(
                                            v, warm.perms().get(p), p));
        }
    }

    @Test
    void theSameSeedGivesTheSamePermutations() {
        Mlp mlp = new Mlp(20, List.of(32, 32), 6);
        Alignment x = run(mlp, mlp.initialise(1), mlp.initialise(2), 100);
        Alignment y = run(mlp, mlp.initialise(1), mlp.initialise(2), 100);
        x.perms()
                .forEach(
                        (p, v) ->
                                org.junit.jupiter.api.Assertions.assertArrayEquals(
                                        v, y.perms().get(p)));
        assertEquals(x.objective(), y.objective());
    }
}
