package dev.isthmus.workflows.argo;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Argo's {@code DAGTask}: runs {@code template}, once per element of {@code withSequence} when set
 * ({@code {{item}}} is the element).
 *
 * @param depends Argo's enhanced depends expression, e.g. {@code train.Succeeded || train.Failed}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record DagTask(
        String name, String template, String depends, Arguments arguments, Sequence withSequence) {}
