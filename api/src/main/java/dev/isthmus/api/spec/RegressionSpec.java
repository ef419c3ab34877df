package dev.isthmus.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * The regression gate a nightly run is held to, on the worst pair's chord loss barrier ({@code
 * lin}) of every aligned (alignment, path) row — or of {@code none} when it is the only alignment;
 * with {@code onUpperBound}, on the worst pair's upper end of that barrier's bootstrap interval.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RegressionSpec(
        @JsonPropertyDescription("Fail when a gated barrier exceeds this many nats.")
                Double maxLossBarrier,
        @JsonPropertyDescription(
                        "Fail when a gated barrier grew by more than this many nats since the"
                                + " previous run.")
                Double maxIncrease,
        @JsonPropertyDescription(
                        "Gate the upper end of each barrier's bootstrap interval instead of the"
                                + " barrier itself; needs the confidence metric (default false).")
                Boolean onUpperBound) {

    /** A gate on the barriers themselves. */
    public RegressionSpec(Double maxLossBarrier, Double maxIncrease) {
        this(maxLossBarrier, maxIncrease, null);
    }

    /** Whether the gate holds the upper ends of the intervals rather than the barriers. */
    public boolean upperBound() {
        return Boolean.TRUE.equals(onUpperBound);
    }
}
