package dev.isthmus.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** How the plan runs: concurrency, retries, compute device and where results go. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExecutionSpec(
        @JsonPropertyDescription("Tasks run at the same time.") Integer parallelism,
        @JsonPropertyDescription("Extra attempts for a failed task.") Integer retries,
        @JsonPropertyDescription("Run store: a folder or file:// URI (default file://runs).")
                String store,
        @JsonPropertyDescription("auto, cpu or gpu.") String device,
        @JsonPropertyDescription(
                        "Compute threads per process; fixed so results are reproducible"
                                + " (default 1).")
                Integer threads) {}
