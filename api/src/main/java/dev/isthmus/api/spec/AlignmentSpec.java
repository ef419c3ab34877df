package dev.isthmus.api.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * An alignment method, written as its name ({@code none}, {@code weight-matching}, ...).
 *
 * @param type the method name
 */
public record AlignmentSpec(String type) {

    public static final String NONE = "none";

    @JsonCreator
    public static AlignmentSpec of(String type) {
        return new AlignmentSpec(type);
    }

    @JsonValue
    public String json() {
        return type;
    }
}
