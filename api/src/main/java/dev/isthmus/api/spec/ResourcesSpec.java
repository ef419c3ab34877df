package dev.isthmus.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * What each cluster worker pod requests. Quantities are strings as in Kubernetes ({@code "4"},
 * {@code "500m"}, {@code 16Gi}); {@code isthmus run} ignores them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResourcesSpec(
        @JsonPropertyDescription("NVIDIA GPUs per compute pod (nvidia.com/gpu; default none).")
                Integer gpu,
        @JsonPropertyDescription(
                        "CPU request per pod as a Kubernetes quantity, e.g. \"4\" or \"500m\".")
                String cpu,
        @JsonPropertyDescription(
                        "Memory request and limit per pod as a Kubernetes quantity, e.g. 16Gi.")
                String memory,
        @JsonPropertyDescription(
                        "Most memory a pod retried for memory may get, e.g. 64Gi: a task killed for"
                                + " memory (exit code 137) or short of it (exit code 4: its"
                                + " limit below the task's estimate, or the Java heap"
                                + " exhausted) is retried with twice the memory of its first"
                                + " attempt per retry, up to this cap; other retries get"
                                + " memory (at least memory; needs retries; default memory, i.e."
                                + " no growth).")
                String maxMemory) {}
