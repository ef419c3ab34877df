package dev.isthmus.workflows.argo;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Argo's {@code Arguments}: parameter values passed to a workflow or a template. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Arguments(List<Parameter> parameters) {

    public static Arguments of(Parameter... parameters) {
        return new Arguments(List.of(parameters));
    }
}
