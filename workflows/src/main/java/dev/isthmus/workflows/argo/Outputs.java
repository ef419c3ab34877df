package dev.isthmus.workflows.argo;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Argo's {@code Outputs}: the parameters a template produces. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Outputs(List<Parameter> parameters) {}
