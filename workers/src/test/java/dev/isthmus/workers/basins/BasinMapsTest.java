package dev.isthmus.workers.basins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isthmus.api.spec.MetricSpec;
import dev.isthmus.workers.metrics.Barriers;
import dev.isthmus.workers.report.Results;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Basin maps built from pair curves: symmetric matrices, basins and how they are connected. */
class BasinMapsTest {
    private static final List<String> FOUR = List.of("s0", "s1", "s2", "s3");

    static Results.CurveResult curve(String a, String b, String alignment, double loss) {
        double[] alphas = {0, 1};
        return new Results.CurveResult(
                a,
                b,
                alignment,
                "linear",
                alphas,
                new double[] {0, 0},
                new double[] {1, 1},
                new Barriers(loss, loss, loss, 0.5),
                new Barriers(loss / 10, loss / 10, loss / 10, 0.5),
                null,
                null);
    }

    @Test
    void matricesAreSymmetricWithAZeroDiagonalAndBasinsSayHowTheyHold() {
        // aligned: s0–s1–s2 a chain (s0–s2 above the threshold), s3 apart; naive: all apart
        List<Results.CurveResult> curves =
                List.of(
                        curve("s0", "s1", "none", 2.0),
                        curve("s0", "s1", "weight-matching", 0.05),
                        curve("s0", "s2", "weight-matching", 0.2),
                        curve("s1", "s2", "weight-matching", 0.04),
                        curve("s0", "s3", "weight-matching", 1.5),
                        curve("s1", "s3", "weight-matching", 1.6),
                        curve("s2", "s3", "weight-matching", 1.7));
        List<BasinMap> maps =
                BasinMaps.of(
                        FOUR, curves, new MetricSpec("basins", null, null, null, "single", 0.1));
        assertEquals(2, maps.size());
        BasinMap naive = maps.get(0);
        BasinMap aligned = maps.get(1);
        assertEquals("none", naive.alignment());
        for (BasinMap m : maps) {
            for (int i = 0; i < 4; i++) {
                assertEquals(0.0, m.lossBarrier()[i][i]);
                for (int j = 0; j < 4; j++) {
                    assertEquals(m.lossBarrier()[i][j], m.lossBarrier()[j][i]);
                    assertEquals(m.accuracyBarrier()[i][j], m.accuracyBarrier()[j][i]);
                }
            }
        }
        assertEquals(0.2, aligned.lossBarrier()[2][0]);
        assertEquals(0.02, aligned.accuracyBarrier()[0][2], 1e-15);
        assertNull(naive.lossBarrier()[0][2], "a pair not evaluated stays empty");

        assertEquals(
                List.of(
                        new BasinMap.Basin(List.of("s0", "s1", "s2"), false, 0.2),
                        new BasinMap.Basin(List.of("s3"), true, 0.0)),
                aligned.basins());
        // children are ordered by their first endpoint: s0 before the {s1, s2} cluster
        assertEquals(List.of(0, 1, 2, 3), aligned.order());
        // naive: s0–s1 above the threshold, the other pairs not evaluated: four basins of one
        assertEquals(4, naive.basins().size());
        assertTrue(naive.basins().stream().allMatch(BasinMap.Basin::stronglyConnected));
    }

    @Test
    void completeLinkageBasinsAreAlwaysStronglyConnected() {
        List<Results.CurveResult> curves =
                List.of(
                        curve("s0", "s1", "weight-matching", 0.05),
                        curve("s0", "s2", "weight-matching", 0.2),
                        curve("s1", "s2", "weight-matching", 0.04),
                        curve("s0", "s3", "weight-matching", 0.08),
                        curve("s1", "s3", "weight-matching", 0.09),
                        curve("s2", "s3", "weight-matching", 0.07));
        BasinMap m =
                BasinMaps.of(
                                FOUR,
                                curves,
                                new MetricSpec("basins", null, null, null, "complete", 0.1))
                        .get(0);
        assertTrue(m.basins().size() > 1);
        assertTrue(m.basins().stream().allMatch(BasinMap.Basin::stronglyConnected));
        BasinMap single =
                BasinMaps.of(
                                FOUR,
                                curves,
                                new MetricSpec("basins", null, null, null, "single", 0.1))
                        .get(0);
        assertEquals(1, single.basins().size());
        assertFalse(single.basins().get(0).stronglyConnected());
    }
}
