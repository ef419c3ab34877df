package dev.isthmus.workflows.argo;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Argo's {@code Parameter}: a named string, given as a {@code value} or, for outputs, read from a
 * file ({@code valueFrom}).
 *
 * @param globalName also publish an output as {@code workflow.outputs.parameters.<globalName>}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Parameter(String name, String value, ValueFrom valueFrom, String globalName) {

    public static Parameter named(String name) {
        return new Parameter(name, null, null, null);
    }

    public static Parameter of(String name, String value) {
        return new Parameter(name, value, null, null);
    }

    /** Where an output parameter's value comes from. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record ValueFrom(String path) {}
}
