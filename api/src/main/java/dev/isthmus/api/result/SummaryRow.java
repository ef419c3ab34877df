package dev.isthmus.api.result;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * Barriers over all pairs for one alignment and path; the keys of every map are {@code lin}, {@code
 * mean} and {@code max} (the three barrier definitions).
 *
 * @param lossBarrierInterval the spread over pairs of each pair's bootstrap interval ends, when the
 *     confidence metric is measured (else null)
 * @param accuracyBarrierInterval the same for the accuracy drops
 * @param basins the number of basins of this row's basin map, when the basins metric is measured
 *     (else null)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SummaryRow(
        String alignment,
        String path,
        int pairs,
        Map<String, Spread> lossBarrier,
        Map<String, Spread> accuracyBarrier,
        Map<String, IntervalSpread> lossBarrierInterval,
        Map<String, IntervalSpread> accuracyBarrierInterval,
        Integer basins) {

    @JsonCreator
    public SummaryRow {}

    /** A row without a basin count. */
    public SummaryRow(
            String alignment,
            String path,
            int pairs,
            Map<String, Spread> lossBarrier,
            Map<String, Spread> accuracyBarrier,
            Map<String, IntervalSpread> lossBarrierInterval,
            Map<String, IntervalSpread> accuracyBarrierInterval) {
        this(
                alignment,
                path,
                pairs,
                lossBarrier,
                accuracyBarrier,
                lossBarrierInterval,
                accuracyBarrierInterval,
                null);
    }

    /** A row without intervals. */
    public SummaryRow(
            String alignment,
            String path,
            int pairs,
            Map<String, Spread> lossBarrier,
            Map<String, Spread> accuracyBarrier) {
        this(alignment, path, pairs, lossBarrier, accuracyBarrier, null, null, null);
    }

    /** The same row with its basin count. */
    public SummaryRow withBasins(Integer count) {
        return new SummaryRow(
                alignment,
                path,
                pairs,
                lossBarrier,
                accuracyBarrier,
                lossBarrierInterval,
                accuracyBarrierInterval,
                count);
    }
}
