package dev.isthmus.workflows.argo;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Argo's {@code Backoff}: wait {@code duration}, multiplied by {@code factor} after each retry, at
 * most {@code cap}.
 *
 * @param duration first wait, e.g. {@code 30s}
 * @param factor growth per retry (IntOrString, written as a string)
 * @param cap longest single wait, e.g. {@code 10m}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Backoff(String duration, String factor, String cap) {}
