package dev.isthmus.workflows.argo;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.List;

/**
 * Argo's {@code CronWorkflowSpec}, in the list form {@code schedules} (Argo v3.6+; v4 dropped the
 * singular {@code schedule}).
 *
 * @param concurrencyPolicy Allow, Forbid or Replace: what happens when a run is still going
 * @param workflowMetadata labels and annotations of each started Workflow
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record CronWorkflowSpec(
        List<String> schedules,
        String timezone,
        String concurrencyPolicy,
        Integer startingDeadlineSeconds,
        Integer successfulJobsHistoryLimit,
        Integer failedJobsHistoryLimit,
        ObjectMeta workflowMetadata,
        WorkflowSpec workflowSpec) {}
