package dev.isthmus.operator.resource;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.PrinterColumn;
import java.util.List;

/**
 * What the operator observed of a sweep's runs; derived from the Workflows on every reconcile, so
 * an operator restart loses nothing.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SweepStatus(
        @PrinterColumn(name = "Phase")
                @JsonPropertyDescription("Pending, Running, Succeeded, Failed or Invalid.")
                String phase,
        @JsonPropertyDescription("The metadata.generation this status describes.")
                Long observedGeneration,
        @PrinterColumn(name = "Progress")
                @JsonPropertyDescription("Finished pods of the current run, as N/M.")
                String progress,
        @JsonPropertyDescription(
                        "The Workflow (or, for a scheduled sweep, CronWorkflow) of this"
                                + " generation.")
                String workflow,
        @JsonPropertyDescription("When the current run started (RFC 3339).") String startedAt,
        @JsonPropertyDescription("When the current run finished (RFC 3339).") String finishedAt,
        @PrinterColumn(name = "Barrier")
                @JsonPropertyDescription(
                        "Lowest worst-pair chord loss barrier (nats) over the gated alignment ×"
                                + " path rows of the last finished run.")
                Double bestBarrier,
        @JsonPropertyDescription("Loss barriers per alignment × path of the last finished run.")
                List<SummaryRow> summary,
        @JsonPropertyDescription("Where the run's results.json is (store/sweep/results.json).")
                String results,
        @JsonPropertyDescription("Tasks that failed in the current run (at most 20).")
                List<String> failedTasks,
        @JsonPropertyDescription("Ready, Progressing, Degraded, Succeeded, Failed, Regressed.")
                List<SweepCondition> conditions,
        @JsonPropertyDescription("Finished scheduled runs, newest first (at most 10).")
                List<ScheduledRun> history) {}
