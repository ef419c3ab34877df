package dev.isthmus.api.result;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

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
        List<SummaryRow> summary) {

    public static final String SCHEMA = "isthmus.dev/summary/v1";
    public static final int LISTED = 20;

    private static final ObjectMapper JSON =
            new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The summary of a run with these curves, rows and failed task ids. */
    public static RunSummary of(
            String sweep,
            String specHash,
            int curves,
            List<String> failedTasks,
            List<SummaryRow> summary) {
        return new RunSummary(
                SCHEMA,
                sweep,
                specHash,
                curves,
                failedTasks.size(),
                failedTasks.subList(0, Math.min(LISTED, failedTasks.size())),
                summary);
    }

    /**
     * The summary in {@code json}, or empty when it is missing, unreadable or of another schema (an
     * observer reads what pods published and must not fail on it).
     */
    public static Optional<RunSummary> read(String json) {
        if (json == null || json.isBlank()) {
            return Optional.empty();
        }
        RunSummary summary;
        try {
            summary = JSON.readValue(json, RunSummary.class);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (summary == null || !SCHEMA.equals(summary.schema())) {
            return Optional.empty();
        }
        return Optional.of(summary);
    }
}
