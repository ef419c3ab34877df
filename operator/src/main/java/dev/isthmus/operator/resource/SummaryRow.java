package dev.isthmus.operator.resource;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * The chord loss barrier of one alignment × path over all pairs of a finished run, with the upper
 * end of its bootstrap interval and the number of basins when the sweep measures them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SummaryRow(
        @JsonPropertyDescription("Alignment method, e.g. weight-matching.") String alignment,
        @JsonPropertyDescription("Path label, e.g. linear or bezier.") String path,
        @JsonPropertyDescription("Pairs with a curve.") Integer pairs,
        @JsonPropertyDescription("Worst pair's chord loss barrier (nats).") Double maxLossBarrier,
        @JsonPropertyDescription("Mean chord loss barrier over pairs (nats).")
                Double meanLossBarrier,
        @JsonPropertyDescription(
                        "Worst pair's upper end of the chord loss barrier's bootstrap interval"
                                + " (nats), when the confidence metric is measured.")
                Double maxLossBarrierUpper,
        @JsonPropertyDescription(
                        "Basins of the basin map of this alignment × path, when the basins metric"
                                + " is measured.")
                Integer basins) {

    @JsonCreator
    public SummaryRow {}

    /** A row without intervals or basins. */
    public SummaryRow(
            String alignment,
            String path,
            Integer pairs,
            Double maxLossBarrier,
            Double meanLossBarrier) {
        this(alignment, path, pairs, maxLossBarrier, meanLossBarrier, null, null);
    }
}
