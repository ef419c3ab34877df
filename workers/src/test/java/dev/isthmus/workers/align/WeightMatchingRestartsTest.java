package dev.isthmus.workers.align;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import dev.isthmus.workers.engine.Compute;
import dev.isthmus.workers.io.HostTensor;
import dev.isthmus.workers.models.Mlp;
import java.util.Arrays;
import java.util.List;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Restarts of weight matching from several seeded orders, keeping the largest objective. */
class WeightMatchingRestartsTest {

    private static final Mlp MLP = new Mlp(20, List.of(48, 48, 48), 6);
    private static final SortedMap<String, HostTensor> A = MLP.initialise(5);
    private static final SortedMap<String, HostTensor> B = MLP.initialise(6);

    private static Alignment run(long seed, int restarts) {
        try (NDManager m = Compute.manager(Device.cpu(), 1)) {
            return WeightMatching.run(
                    m,
                    MLP.permutationSpec(),
                    A,
                    B,
                    new WeightMatching.Options(100, seed, null, restarts));
        }
    }

    /**
     * One restart is the descent as it was before restarts existed: sweeps, the permutations (their
     * {@link Arrays#hashCode}) and the objective recorded by the code of commit 1354b7d on the same
     * networks.
     */
    @ParameterizedTest(name = "seed {0}")
    @CsvSource({
        "0, 4, -2055625361, -538742595, -448772973, 16.17741942395205",
        "11, 6, -1241892409, 834449967, 620795441, 16.630765458767062"
    })
    void oneRestartIsTheSingleDescentOfBefore(
            long seed, int sweeps, int p0, int p1, int p2, double objective) {
        Alignment r = run(seed, 1);
        assertEquals(sweeps, r.sweeps());
        assertEquals(p0, Arrays.hashCode(r.perms().get("P_0")));
        assertEquals(p1, Arrays.hashCode(r.perms().get("P_1")));
        assertEquals(p2, Arrays.hashCode(r.perms().get("P_2")));
        assertEquals(objective, r.objective(), 1e-12 * objective);
    }

    @Test
    void restartsNeverGiveAWorseObjectiveThanOneStart() {
        for (long seed = 0; seed < 4; seed++) {
            double previous = run(seed, 1).objective();
            for (int restarts : new int[] {2, 4, 8}) {
                double now = run(seed, restarts).objective();
                assertTrue(
                        now >= previous,
                        "seed " + seed + ", " + restarts + " restarts: " + now + " < " + previous);
                previous = now;
            }
        }
    }

    @Test
    void theKeptDescentIsTheBestOfTheSeededOnes() {
        long[] seeds = WeightMatching.seeds(0, 8);
        assertEquals(0, seeds[0]);
        double best = Double.NEGATIVE_INFINITY;
        for (long s : seeds) best = Math.max(best, run(s, 1).objective());
        Alignment r = run(0, 8);
        assertEquals(best, r.objective());
        // On these networks the orders lead to different local optima; one of the other seven is
        // better than seed 0's.
        assertTrue(r.objective() > run(0, 1).objective(), "8 restarts found nothing better");
    }

    @Test
    void restartsAreDeterministicForASeed() {
        Alignment x = run(3, 4);
        Alignment y = run(3, 4);
        assertEquals(x.objective(), y.objective());
        assertEquals(x.sweeps(), y.sweeps());
        x.perms().forEach((p, v) -> assertArrayEquals(v, y.perms().get(p), p));
    }

    @Test
    void noRestartIsRejected() {
        var e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new WeightMatching.Options(100, 0, null, 0));
        assertEquals("restarts must be >= 1, got 0", e.getMessage());
    }
}
