package dev.isthmus.workers.basins;

import java.util.List;

/**
 * The basin map of one (alignment, path): the N×N matrices of chord barriers between every two
 * endpoints, their hierarchical clustering on the loss barrier, and the basins cut at the
 * threshold.
 *
 * @param endpoints endpoint names; matrix rows and columns follow this order
 * @param order the endpoints' indices in dendrogram (cluster) order
 * @param linkage single, average or complete
 * @param threshold the chord loss barrier (nats) at or below which clusters are joined
 * @param lossBarrier chord loss barrier ({@code lin}) of each pair, symmetric with a zero diagonal;
 *     null where the pair was not evaluated
 * @param accuracyBarrier chord accuracy drop of each pair, likewise
 * @param merges the dendrogram, lowest merge first (SciPy numbering: merge k makes cluster N + k)
 * @param basins the clusters at the threshold, in order of their first endpoint
 */
public record BasinMap(
        String alignment,
        String path,
        List<String> endpoints,
        List<Integer> order,
        String linkage,
        double threshold,
        Double[][] lossBarrier,
        Double[][] accuracyBarrier,
        List<Linkage.Merge> merges,
        List<Basin> basins) {

    /**
     * One basin.
     *
     * @param members endpoint names
     * @param stronglyConnected every pair of members has a loss barrier at or below the threshold
     *     (else the members are joined only through a chain of low barriers)
     * @param maxBarrier the largest loss barrier between two members (0 for a single endpoint; null
     *     when a pair of members was not evaluated)
     */
    public record Basin(List<String> members, boolean stronglyConnected, Double maxBarrier) {}
}
