package dev.isthmus.operator.resource;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The chord loss barrier of one alignment × path over all pairs of a finished run. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SummaryRow(
        @JsonPropertyDescription("Alignment method, e.g. weight-matching.") String alignment,
        @JsonPropertyDescription("Path label, e.g. linear or bezier.") String path,
        @JsonPropertyDescription("Pairs with a curve.") Integer pairs,
        @JsonPropertyDescription("Worst pair's chord loss barrier (nats).") Double maxLossBarrier,
        @JsonPropertyDescription("Mean chord loss barrier over pairs (nats).")
                Double meanLossBarrier) {}
