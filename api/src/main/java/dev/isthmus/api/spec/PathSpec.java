package dev.isthmus.api.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * A path between endpoints: {@code linear}, or an object such as {@code {type: bezier, epochs: 5}}
 * or {@code {type: linear, repair: repair}}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PathSpec(
        @JsonPropertyDescription(
                        "Path shape: linear (the straight line between the endpoints) or bezier (a"
                                + " curve through one trained control point).")
                @Words(Names.Path.class)
                String type,
        @JsonPropertyDescription("bezier: epochs to train the control point (default 3).")
                Integer epochs,
        @JsonPropertyDescription("bezier: Adam step size for the control point (default 1e-3).")
                Double learningRate,
        @JsonPropertyDescription(
                        "Statistics correction at each alpha: none; reset (recompute BatchNorm"
                                + " statistics; the default for models with BatchNorm); repair"
                                + " (REPAIR, Jordan et al. 2022: rescale hidden pre-activations"
                                + " to the interpolated endpoint statistics).")
                @Words(Names.Repair.class)
                String repair) {

    public static final String LINEAR = "linear";
    public static final String BEZIER = "bezier";
    public static final String REPAIR_NONE = "none";
    public static final String REPAIR_RESET = "reset";
    public static final String REPAIR_REPAIR = "repair";

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public PathSpec {}

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static PathSpec of(String type) {
        return new PathSpec(type, null, null, null);
    }

    /** A short label naming the path and its correction, e.g. {@code linear+repair}. */
    public String label() {
        return repair == null || REPAIR_NONE.equals(repair) ? type : type + "+" + repair;
    }
}
