package dev.isthmus.api.plan;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.isthmus.api.validation.BadInputException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The stages of a plan, in execution order. */
public enum Stage {
    TRAIN,
    ALIGN,
    FIT_CURVE,
    EVALUATE,
    MERGE,
    AGGREGATE;

    @JsonValue
    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses a stage name as written on the command line ({@code train}, {@code evaluate}). */
    public static Stage parse(String name) {
        for (Stage s : values()) {
            if (s.cliName().equals(name)) return s;
        }
        throw new BadInputException(
                "unknown stage '"
                        + name
                        + "' (expected one of: "
                        + Arrays.stream(values())
                                .map(Stage::cliName)
                                .collect(Collectors.joining(", "))
                        + ")");
    }
}
