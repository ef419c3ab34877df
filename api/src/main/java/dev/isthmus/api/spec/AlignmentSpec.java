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
                String warmStart) {

    public static final String NONE = "none";
    public static final String WEIGHT_MATCHING = "weight-matching";
    public static final String ACTIVATION_MATCHING = "activation-matching";
    public static final String ORTHOGONAL = "orthogonal";

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public AlignmentSpec {}

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static AlignmentSpec of(String type) {
        return new AlignmentSpec(type, null, null, null);
    }

    /** Whether this method reads activations (itself or as a warm start). */
    public boolean usesActivations() {
        return ACTIVATION_MATCHING.equals(type) || ACTIVATION_MATCHING.equals(warmStart);
    }
}
