package dev.isthmus.operator.observe;

import dev.isthmus.operator.resource.SummaryRow;
import java.util.List;
import java.util.Map;

/**
 * What one Argo Workflow says about a run: its phase in the sweep's terms, pods finished of pods
 * seen, the tasks that failed, and the aggregate's summary once it has one.
 *
 * @param name the Workflow's name
 * @param phase Pending, Running, Succeeded or Failed
 * @param progress finished pods of all pods, N/M
 * @param tasksByState pod counts by Argo node phase (Pending, Running, Succeeded, Failed, ...)
 * @param failedTasks display names of failed tasks with Argo's message
 * @param summary the aggregate's barrier rows, empty until it has run
 * @param scheduled whether a CronWorkflow created it
 * @param generation the sweep generation it was rendered for, or null
 * @param gpuSeconds GPU time Argo accounted to the run's pods ({@code
 *     status.resourcesDuration["nvidia.com/gpu"]})
 * @param retries pod attempts beyond the first, over all of Argo's retry nodes
 */
public record RunObservation(
        String name,
        String phase,
        String progress,
        String startedAt,
        String finishedAt,
        Map<String, Integer> tasksByState,
        List<String> failedTasks,
        List<SummaryRow> summary,
        boolean scheduled,
        Long generation,
        String createdAt,
        double gpuSeconds,
        int retries) {

    public static final String PENDING = "Pending";
    public static final String RUNNING = "Running";
    public static final String SUCCEEDED = "Succeeded";
    public static final String FAILED = "Failed";

    public boolean finished() {
        return SUCCEEDED.equals(phase) || FAILED.equals(phase);
    }
}
