package dev.isthmus.operator.resource;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import java.util.Map;

/** One finished run of a scheduled sweep, as the regression gate saw it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScheduledRun(
        @JsonPropertyDescription("The Workflow the CronWorkflow created.") String workflow,
        @JsonPropertyDescription("Succeeded or Failed.") String phase,
        @JsonPropertyDescription("When the run started (RFC 3339).") String startedAt,
        @JsonPropertyDescription("When the run finished (RFC 3339).") String finishedAt,
        @JsonPropertyDescription(
                        "Worst-pair chord loss barrier (nats) per alignment/path, e.g."
                                + " weight-matching/linear.")
                Map<String, Double> barriers,
        @JsonPropertyDescription("Whether the run failed the regression gate.") Boolean regressed,
        @JsonPropertyDescription("Why the gate failed, one line per row.") List<String> reasons) {}
