package dev.isthmus.workflows.argo;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Argo's {@code Inputs}: the parameters a template takes. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Inputs(List<Parameter> parameters) {}
