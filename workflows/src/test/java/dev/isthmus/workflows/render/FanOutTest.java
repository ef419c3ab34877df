package dev.isthmus.workflows.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isthmus.api.plan.Stage;
import dev.isthmus.workflows.argo.DagTask;
import dev.isthmus.workflows.argo.Template;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Stages fan out over few pods that together run every task exactly once. */
class FanOutTest {

    @Test
    void batchesCoverEveryTaskOnceWithinThePodLimit() {
        for (int tasks = 1; tasks <= 700; tasks += 3) {
            for (int max : new int[] {1, 7, 100, 1000}) {
                StageFanOut f = StageFanOut.of(Stage.EVALUATE, tasks, max);
                int[] runs = new int[tasks];
                for (int item = 0; item < f.pods(); item++) {
                    int from = item * f.batch();
                    int to = Math.min(from + f.batch(), tasks);
                    assertTrue(from < to, "pod " + item + " of " + f + " has nothing to do");
                    for (int i = from; i < to; i++) runs[i]++;
                }
                for (int i = 0; i < tasks; i++) assertEquals(1, runs[i], f + " task " + i);
                assertTrue(f.pods() <= max, f.toString());
                assertEquals(
                        tasks <= max ? 1 : f.batch(), f.batch(), "no batching when not needed");
            }
        }
    }

    @Test
    void hundredCheckpointsRunInAHundredPodsPerStage() {
        List<Template> templates =
                WorkflowRenderer.render(TestSweeps.hundredCheckpoints(), RenderOptions.defaults())
                        .workflowSpec()
                        .templates();
        List<DagTask> tasks = templates.get(0).dag().tasks();

        assertEquals(
                List.of("align", "fit-curve", "evaluate", "aggregate"),
                tasks.stream().map(DagTask::name).toList(),
                "no train stage: every endpoint is a checkpoint");
        assertNull(tasks.get(0).depends());
        assertEquals("100", tasks.get(0).withSequence().count());
        assertEquals(batch(templates, "align"), "149"); // 14,850 alignments
        assertEquals(batch(templates, "fit-curve"), "149"); // 14,850 Bézier fits
        assertEquals(batch(templates, "evaluate"), "297"); // 29,700 curves
        assertEquals(StageDag.finished("fit-curve"), tasks.get(2).depends());
        assertNull(tasks.get(3).withSequence(), "aggregation runs once");
    }

    private static String batch(List<Template> templates, String stage) {
        List<String> args =
                templates.stream()
                        .filter(t -> t.name().equals(stage))
                        .findFirst()
                        .orElseThrow()
                        .container()
                        .getArgs();
        return args.get(args.indexOf("--batch") + 1);
    }
}
