package dev.isthmus.workflows.argo;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Argo's {@code Sequence}: the numbers 0 to count − 1. Argo's schema types {@code count} as
 * IntOrString, which the schema (and so this model) writes as a string.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Sequence(String count) {

    public static Sequence of(int count) {
        return new Sequence(Integer.toString(count));
    }
}
