package dev.isthmus.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * The regression gate a nightly run is held to, on the worst pair's chord loss barrier ({@code
 * lin}) of every aligned (alignment, path) row — or of {@code none} when it is the only alignment.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RegressionSpec(
        @JsonPropertyDescription("Fail when a gated barrier exceeds this many nats.")
                Double maxLossBarrier,
        @JsonPropertyDescription(
                        "Fail when a gated barrier grew by more than this many nats since the"
                                + " previous run.")
                Double maxIncrease) {}
