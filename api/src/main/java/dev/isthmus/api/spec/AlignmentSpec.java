package dev.isthmus.api.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * An alignment method, written as its name ({@code none}, {@code weight-matching}, {@code
 * activation-matching}) or as an object with options, e.g. {@code {type: weight-matching,
 * maxSweeps: 50}}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlignmentSpec(
        @JsonPropertyDescription(
                        "none, weight-matching, activation-matching or orthogonal (transformer:"
                                + " weight matching plus a rotation of the residual stream).")
                @Words(Names.Alignment.class)
                String type,
        @JsonPropertyDescription(
                        "weight-matching: most coordinate-descent sweeps over all permutations"
                                + " (default 100).")
                Integer maxSweeps,
        @JsonPropertyDescription(
                        "activation-matching: training inputs whose activations are correlated"
                                + " (default 5000).")
                Integer examples,
        @JsonPropertyDescription(
                        "weight-matching: start from the identity (none) or from"
                                + " activation-matching.")
                @Words(Names.WarmStart.class)
                String warmStart,
        @JsonPropertyDescription(
                        "weight-matching: descents from this many seeded random orders of the"
                                + " permutation groups, keeping the one with the largest objective"
                                + " (default 1).")
                Integer restarts) {

    public static final String NONE = "none";
    public static final String WEIGHT_MATCHING = "weight-matching";
    public static final String ACTIVATION_MATCHING = "activation-matching";
    public static final String ORTHOGONAL = "orthogonal";

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public AlignmentSpec {}

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static AlignmentSpec of(String type) {
        return new AlignmentSpec(type, null, null, null, null);
    }

    /** Without restarts. */
    public AlignmentSpec(String type, Integer maxSweeps, Integer examples, String warmStart) {
        this(type, maxSweeps, examples, warmStart, null);
    }

    /** Descents weight matching runs: {@code restarts}, or 1 when it is left out. */
    public int descents() {
        return restarts == null ? 1 : restarts;
    }

    /** Whether this method reads activations (itself or as a warm start). */
    public boolean usesActivations() {
        return ACTIVATION_MATCHING.equals(type) || ACTIVATION_MATCHING.equals(warmStart);
    }
}
