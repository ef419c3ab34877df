package dev.isthmus.workflows.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isthmus.api.plan.Planner;
import dev.isthmus.api.plan.Stage;
import dev.isthmus.api.spec.ConnectivitySweep;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The rendered Workflow stays far below etcd's object limit (~1 MiB) however large the sweep: the
 * bar is 64 KiB for 100 checkpoints × 3 alignments × 2 paths (DESIGN.md §7).
 */
class SizeTest {

    static final int BAR = 64 * 1024;

    @Test
    void hundredCheckpointsRenderUnder64KiB() {
        ConnectivitySweep sweep = TestSweeps.hundredCheckpoints();
        assertEquals(29_700, Planner.plan(sweep).tasks(Stage.EVALUATE).size());

        int bytes =
                TestSweeps.yaml(sweep, RenderOptions.defaults().withGeneration(1L))
                        .getBytes(StandardCharsets.UTF_8)
                        .length;

        System.out.printf(
                "100 checkpoints, 4,950 pairs x 3 alignments x 2 paths: %,d bytes of YAML%n",
                bytes);
        assertTrue(bytes < BAR, bytes + " bytes");
    }

    @Test
    void sizeDoesNotGrowWithThePairs() {
        String tenSeeds =
                TestSweeps.small("{parallelism: 2}")
                        .replace("[0, 1, 2]", "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]");
        int nine = render(tenSeeds + "  pairs: consecutive\n");
        int fortyFive = render(tenSeeds + "  pairs: all\n");

        // 45 pairs instead of 9: only the word in the spec parameter and two pod counts differ.
        assertEquals(nine - "consecutive".length() + "all".length() + 2, fortyFive);
    }

    private static int render(String body) {
        return TestSweeps.yaml(TestSweeps.sweep("grow", body), RenderOptions.defaults()).length();
    }
}
