package dev.isthmus.api.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * A path between endpoints: {@code linear}, or an object such as {@code {type: bezier, epochs: 5}}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PathSpec(
        @JsonPropertyDescription("linear (bezier in a later release).") String type,
        @JsonPropertyDescription("bezier: epochs to train the control point.") Integer epochs) {

    public static final String LINEAR = "linear";

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public PathSpec {}

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static PathSpec of(String type) {
        return new PathSpec(type, null);
    }
}
