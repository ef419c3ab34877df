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
                List<ScheduledRun> history) {

    /** A builder with every field unset. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this status's fields, to change some of them. */
    public Builder toBuilder() {
        return new Builder()
                .phase(phase)
                .observedGeneration(observedGeneration)
                .progress(progress)
                .workflow(workflow)
                .startedAt(startedAt)
                .finishedAt(finishedAt)
                .bestBarrier(bestBarrier)
                .summary(summary)
                .results(results)
                .failedTasks(failedTasks)
                .conditions(conditions)
                .history(history);
    }

    /** Builds a {@link SweepStatus} field by field; a field not set stays null. */
    public static final class Builder {
        private String phase;
        private Long observedGeneration;
        private String progress;
        private String workflow;
        private String startedAt;
        private String finishedAt;
        private Double bestBarrier;
        private List<SummaryRow> summary;
        private String results;
        private List<String> failedTasks;
        private List<SweepCondition> conditions;
        private List<ScheduledRun> history;

        private Builder() {}

        public Builder phase(String phase) {
            this.phase = phase;
            return this;
        }

        public Builder observedGeneration(Long observedGeneration) {
            this.observedGeneration = observedGeneration;
            return this;
        }

        public Builder progress(String progress) {
            this.progress = progress;
            return this;
        }

        public Builder workflow(String workflow) {
            this.workflow = workflow;
            return this;
        }

        public Builder startedAt(String startedAt) {
            this.startedAt = startedAt;
            return this;
        }

        public Builder finishedAt(String finishedAt) {
            this.finishedAt = finishedAt;
            return this;
        }

        public Builder bestBarrier(Double bestBarrier) {
            this.bestBarrier = bestBarrier;
            return this;
        }

        public Builder summary(List<SummaryRow> summary) {
            this.summary = summary;
            return this;
        }

        public Builder results(String results) {
            this.results = results;
            return this;
        }

        public Builder failedTasks(List<String> failedTasks) {
            this.failedTasks = failedTasks;
            return this;
        }

        public Builder conditions(List<SweepCondition> conditions) {
            this.conditions = conditions;
            return this;
        }

        public Builder history(List<ScheduledRun> history) {
            this.history = history;
            return this;
        }

        public SweepStatus build() {
            return new SweepStatus(
                    phase,
                    observedGeneration,
                    progress,
                    workflow,
                    startedAt,
                    finishedAt,
                    bestBarrier,
                    summary,
                    results,
                    failedTasks,
                    conditions,
                    history);
        }
    }
}
