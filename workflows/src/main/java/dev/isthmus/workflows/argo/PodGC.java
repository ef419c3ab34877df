package dev.isthmus.workflows.argo;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Argo's {@code PodGC}.
 *
 * @param strategy OnPodCompletion, OnPodSuccess, OnWorkflowCompletion or OnWorkflowSuccess
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record PodGC(String strategy) {}
