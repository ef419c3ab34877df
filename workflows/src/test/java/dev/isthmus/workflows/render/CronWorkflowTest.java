package dev.isthmus.workflows.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.isthmus.api.validation.SpecException;
import dev.isthmus.workflows.argo.CronWorkflow;
import dev.isthmus.workflows.argo.CronWorkflowSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A scheduled sweep becomes a CronWorkflow whose runs never overlap and whose history is bounded.
 */
class CronWorkflowTest {

    @Test
    void theNightlyExampleRunsAtTwoBerlinTime() {
        CronWorkflow cron =
                (CronWorkflow)
                        WorkflowRenderer.render(
                                TestSweeps.example("nightly-regression"),
                                RenderOptions.defaults().withGeneration(4L));
        CronWorkflowSpec spec = cron.spec();

        assertEquals("nightly-regression-g4", cron.metadata().getName());
        assertEquals(List.of("0 2 * * *"), spec.schedules());
        assertEquals("Europe/Berlin", spec.timezone());
        assertEquals("Forbid", spec.concurrencyPolicy());
        assertEquals(3600, spec.startingDeadlineSeconds());
        assertEquals(5, spec.successfulJobsHistoryLimit());
        assertEquals(5, spec.failedJobsHistoryLimit());
        assertEquals(
                Map.of("isthmus.dev/sweep", "nightly-regression", "isthmus.dev/generation", "4"),
                spec.workflowMetadata().getLabels());
        assertEquals("sweep", spec.workflowSpec().entrypoint());
    }

    @Test
    void aCronStringGetsTheDefaults() {
        CronWorkflowSpec spec =
                ((CronWorkflow)
                                WorkflowRenderer.render(
                                        TestSweeps.sweep(
                                                "hourly",
                                                TestSweeps.small("{}") + "  schedule: '@hourly'\n"),
                                        RenderOptions.defaults()))
                        .spec();

        assertEquals(List.of("@hourly"), spec.schedules());
        assertEquals("UTC", spec.timezone());
        assertEquals(3, spec.successfulJobsHistoryLimit());
        assertEquals(3, spec.failedJobsHistoryLimit());
    }

    @Test
    void aNameTooLongForArgosRunNamesIsRejected() {
        String name = "n".repeat(50);
        var sweep = TestSweeps.sweep(name, TestSweeps.small("{}") + "  schedule: '@daily'\n");

        SpecException e =
                assertThrows(
                        SpecException.class,
                        () ->
                                WorkflowRenderer.render(
                                        sweep, RenderOptions.defaults().withGeneration(12L)));

        assertEquals(
                "metadata.name: a scheduled sweep's CronWorkflow name "
                        + name
                        + "-g12 is longer than 52 characters (54)",
                e.getMessage());
    }
}
