package dev.isthmus.workflows.render;

import dev.isthmus.api.spec.ScheduleSpec;
import dev.isthmus.workflows.argo.CronWorkflow;
import dev.isthmus.workflows.argo.CronWorkflowSpec;
import dev.isthmus.workflows.argo.WorkflowSpec;
import io.fabric8.kubernetes.api.model.ObjectMeta;

/**
 * A scheduled sweep as an Argo CronWorkflow. Runs never overlap ({@code Forbid}: a nightly run
 * still going when the next is due makes the next one skip), a missed start still runs within the
 * deadline, and only a few finished runs of each outcome are kept.
 */
final class CronSchedules {

    static final String CONCURRENCY_POLICY = "Forbid";

    private CronSchedules() {}

    static CronWorkflow of(
            ObjectMeta metadata,
            ObjectMeta workflowMetadata,
            ScheduleSpec schedule,
            WorkflowSpec workflow) {
        int history = or(schedule.history(), ScheduleSpec.DEFAULT_HISTORY);
        return CronWorkflow.of(
                metadata,
                new CronWorkflowSpec(
                        schedule.crons(),
                        or(schedule.timezone(), ScheduleSpec.DEFAULT_TIMEZONE),
                        CONCURRENCY_POLICY,
                        or(
                                schedule.startingDeadlineSeconds(),
                                ScheduleSpec.DEFAULT_STARTING_DEADLINE_SECONDS),
                        history,
                        history,
                        workflowMetadata,
                        workflow));
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
