package dev.isthmus.api.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/**
 * One merge of every endpoint into a single network, written as its alignment ({@code merge-many})
 * or as an object with options, e.g. {@code {alignment: merge-many, weights: [1, 1, 2]}}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MergeSpec(
        @JsonPropertyDescription(
                        "How the endpoints are brought into the first one's unit order before they"
                                + " are averaged: merge-many (Git Re-Basin's MergeMany: each"
                                + " weight-matched to the mean of the others until nothing"
                                + " changes), weight-matching (each to the first) or none.")
                @Words(Names.MergeAlignment.class)
                String alignment,
        @JsonPropertyDescription(
                        "One weight >= 0 per endpoint, in endpoint order, normalised to sum to 1"
                                + " (default: uniform).")
                List<Double> weights,
        @JsonPropertyDescription(
                        "Statistics correction of the merged network (and of the naive average it"
                                + " is compared with): none, reset (BatchNorm) or repair (mlp).")
                @Words(Names.Repair.class)
                String repair,
        @JsonPropertyDescription("merge-many: most passes over the endpoints (default 100).")
                Integer maxIterations,
        @JsonPropertyDescription(
                        "weight-matching, merge-many: most sweeps of each weight-matching run"
                                + " (default 100).")
                Integer maxSweeps,
        @JsonPropertyDescription(
                        "Also weight-match every pair of endpoints independently and measure the"
                                + " cycle-consistency error over every triple (default false).")
                Boolean cycles) {

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public MergeSpec {}

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static MergeSpec of(String alignment) {
        return new MergeSpec(alignment, null, null, null, null, null);
    }
}
