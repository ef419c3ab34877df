package dev.isthmus.api.result;

import java.util.Map;

/**
 * Barriers over all pairs for one alignment and path; the keys of both maps are {@code lin}, {@code
 * mean} and {@code max} (the three barrier definitions).
 */
public record SummaryRow(
        String alignment,
        String path,
        int pairs,
        Map<String, Spread> lossBarrier,
        Map<String, Spread> accuracyBarrier) {}
