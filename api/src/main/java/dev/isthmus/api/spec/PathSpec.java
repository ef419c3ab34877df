package dev.isthmus.api.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * A path between endpoints: {@code linear}, or an object such as {@code {type: bezier, epochs: 5}}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PathSpec(
        @JsonPropertyDescription("linear or bezier.") String type,
        @JsonPropertyDescription("bezier: epochs to train the control point (default 3).")
                Integer epochs,
        @JsonPropertyDescription("bezier: Adam step size for the control point (default 1e-3).")
                Double learningRate) {

    public static final String LINEAR = "linear";
    public static final String BEZIER = "bezier";

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public PathSpec {}

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static PathSpec of(String type) {
        return new PathSpec(type, null, null);
    }
}
