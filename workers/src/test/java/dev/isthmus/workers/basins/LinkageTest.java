package dev.isthmus.workers.basins;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Hierarchical clustering on hand-made barrier matrices with known basins. */
class LinkageTest {
    private static final double INF = Double.POSITIVE_INFINITY;

    /** Two basins, {0, 2, 4} (barriers ≤ 0.05) and {1, 3} (0.02), far apart (≥ 1). */
    private static final double[][] TWO_BASINS = {
        {0, 1.0, 0.03, 1.2, 0.05},
        {1.0, 0, 1.1, 0.02, 1.3},
        {0.03, 1.1, 0, 1.0, 0.04},
        {1.2, 0.02, 1.0, 0, 1.4},
        {0.05, 1.3, 0.04, 1.4, 0},
    };

    /** A chain: 0–1 and 1–2 low, but 0–2 high. */
    private static final double[][] CHAIN = {
        {0, 0.05, 0.30},
        {0.05, 0, 0.06},
        {0.30, 0.06, 0},
    };

    @Test
    void everyLinkageFindsTwoSeparatedBasins() {
        for (Linkage.Method method : Linkage.Method.values()) {
            List<Linkage.Merge> merges = Linkage.cluster(TWO_BASINS, method);
            assertEquals(4, merges.size(), method.name());
            assertEquals(
                    List.of(List.of(0, 2, 4), List.of(1, 3)),
                    Linkage.cut(5, merges, 0.1),
                    method.name());
            assertEquals(List.of(0, 2, 4, 1, 3), Linkage.leafOrder(5, merges), method.name());
        }
    }

    @Test
    void mergeHeightsFollowEachRule() {
        // first 1+3 at 0.02 (cluster 5), then 0+2 at 0.03 (cluster 6), then 6+4, then the rest
        List<Linkage.Merge> single = Linkage.cluster(TWO_BASINS, Linkage.Method.SINGLE);
        assertEquals(new Linkage.Merge(1, 3, 0.02, 2), single.get(0));
        assertEquals(new Linkage.Merge(0, 2, 0.03, 2), single.get(1));
        assertEquals(new Linkage.Merge(6, 4, 0.04, 3), single.get(2));
        assertEquals(new Linkage.Merge(7, 5, 1.0, 5), single.get(3));
        assertEquals(
                0.05, Linkage.cluster(TWO_BASINS, Linkage.Method.COMPLETE).get(2).height(), 1e-15);
        assertEquals(
                0.045, Linkage.cluster(TWO_BASINS, Linkage.Method.AVERAGE).get(2).height(), 1e-15);
        // average between {0,2,4} and {1,3}: the mean of the six cross barriers
        double cross = (1.0 + 1.2 + 1.1 + 1.0 + 1.3 + 1.4) / 6;
        assertEquals(
                cross, Linkage.cluster(TWO_BASINS, Linkage.Method.AVERAGE).get(3).height(), 1e-12);
    }

    @Test
    void singleLinkageJoinsAChainThatTheOthersSplit() {
        assertEquals(
                List.of(List.of(0, 1, 2)),
                Linkage.cut(3, Linkage.cluster(CHAIN, Linkage.Method.SINGLE), 0.1));
        // complete: {0,1} to 2 at max(0.30, 0.06); average: at (0.30 + 0.06) / 2 = 0.18
        for (Linkage.Method m : List.of(Linkage.Method.COMPLETE, Linkage.Method.AVERAGE)) {
            assertEquals(
                    List.of(List.of(0, 1), List.of(2)),
                    Linkage.cut(3, Linkage.cluster(CHAIN, m), 0.1),
                    m.name());
        }
    }

    @Test
    void pairsNeverMeasuredAreNeverJoined() {
        double[][] d = {
            {0, 0.01, INF},
            {0.01, 0, Double.NaN},
            {INF, Double.NaN, 0},
        };
        List<Linkage.Merge> merges = Linkage.cluster(d, Linkage.Method.SINGLE);
        assertEquals(List.of(new Linkage.Merge(0, 1, 0.01, 2)), merges);
        assertEquals(List.of(List.of(0, 1), List.of(2)), Linkage.cut(3, merges, 1e9));
        assertEquals(List.of(0, 1, 2), Linkage.leafOrder(3, merges));
    }
}
