package dev.isthmus.api.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;

/**
 * Which endpoint pairs a sweep connects: {@code all} (every unordered pair, in endpoint order),
 * {@code consecutive} (each endpoint with the next), or an explicit list {@code [[a, b], ...]}.
 *
 * @param mode all, consecutive or explicit
 * @param explicit the pairs of endpoint names when {@code mode} is explicit, else null
 */
public record PairsSpec(String mode, List<List<String>> explicit) {

    public static final String ALL = "all";
    public static final String CONSECUTIVE = "consecutive";
    public static final String EXPLICIT = "explicit";

    @JsonCreator
    public static PairsSpec of(String mode) {
        return new PairsSpec(mode, null);
    }

    @JsonCreator
    public static PairsSpec of(List<List<String>> pairs) {
        return new PairsSpec(EXPLICIT, pairs);
    }

    @JsonValue
    public Object json() {
        return EXPLICIT.equals(mode) ? explicit : mode;
    }
}
