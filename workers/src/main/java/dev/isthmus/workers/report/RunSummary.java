package dev.isthmus.workers.report;

import java.util.List;

/**
 * The small summary of a run that a cluster's aggregate pod publishes as an Argo output parameter
 * (for the operator's status and metrics), schema {@value #SCHEMA}: the barriers per alignment and
 * path, and which tasks did not finish (the first {@value #LISTED}). Its size depends on the number
 * of alignments and paths, not of pairs.
 *
 * @param curves curves in results.json
 * @param failed tasks that did not finish
 * @param failedTasks the first failed task ids
 */
public record RunSummary(
        String schema,
        String sweep,
        String specHash,
        int curves,
        int failed,
        List<String> failedTasks,
        List<Results.SummaryRow> summary) {

    public static final String SCHEMA = "isthmus.dev/summary/v1";
    public static final int LISTED = 20;

    public static RunSummary of(Results results) {
        List<String> failed = results.failures().stream().map(Results.TaskFailure::task).toList();
        return new RunSummary(
                SCHEMA,
                results.sweep(),
                results.specHash(),
                results.curves().size(),
                failed.size(),
                failed.subList(0, Math.min(LISTED, failed.size())),
                results.summary());
    }
}
