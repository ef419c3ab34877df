package dev.isthmus.workers.basins;

import dev.isthmus.api.spec.MetricSpec;
import dev.isthmus.workers.report.Results;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link BasinMap} per (alignment, path) from the pair curves a sweep already measured. A
 * pair evaluated in both directions counts with its larger barrier; a pair not evaluated (or with
 * an undefined barrier) is never joined by the clustering.
 */
public final class BasinMaps {
    private BasinMaps() {}

    /** One map per (alignment, path), in the order the curves first show them. */
    public static List<BasinMap> of(
            List<String> endpoints, List<Results.CurveResult> curves, MetricSpec spec) {
        Map<String, List<Results.CurveResult>> groups = new LinkedHashMap<>();
        for (Results.CurveResult c : curves) {
            groups.computeIfAbsent(c.alignment() + "\u0000" + c.path(), k -> new ArrayList<>())
                    .add(c);
        }
        List<BasinMap> maps = new ArrayList<>();
        for (List<Results.CurveResult> g : groups.values()) {
            maps.add(map(endpoints, g, spec.linkage(), spec.threshold()));
        }
        return maps;
    }

    static BasinMap map(
            List<String> endpoints,
            List<Results.CurveResult> curves,
            String linkage,
            double threshold) {
        int n = endpoints.size();
        Double[][] loss = matrix(n);
        Double[][] acc = matrix(n);
        for (Results.CurveResult c : curves) {
            int i = endpoints.indexOf(c.a());
            int j = endpoints.indexOf(c.b());
            if (i < 0 || j < 0 || i == j) continue;
            put(loss, i, j, c.lossBarrier().lin());
            put(acc, i, j, c.accuracyBarrier().lin());
        }
        double[][] distance = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                distance[i][j] = loss[i][j] == null ? Double.POSITIVE_INFINITY : loss[i][j];
            }
        }
        List<Linkage.Merge> merges = Linkage.cluster(distance, Linkage.Method.of(linkage));
        List<BasinMap.Basin> basins = new ArrayList<>();
        for (List<Integer> members : Linkage.cut(n, merges, threshold)) {
            basins.add(basin(endpoints, members, distance, threshold));
        }
        return new BasinMap(
                curves.get(0).alignment(),
                curves.get(0).path(),
                List.copyOf(endpoints),
                Linkage.leafOrder(n, merges),
                linkage,
                threshold,
                loss,
                acc,
                merges,
                basins);
    }

    private static BasinMap.Basin basin(
            List<String> endpoints, List<Integer> members, double[][] d, double threshold) {
        double worst = 0;
        for (int x = 0; x < members.size(); x++) {
            for (int y = x + 1; y < members.size(); y++) {
                worst = Math.max(worst, d[members.get(x)][members.get(y)]);
            }
        }
        return new BasinMap.Basin(
                members.stream().map(endpoints::get).toList(),
                worst <= threshold,
                Double.isFinite(worst) ? worst : null);
    }

    private static Double[][] matrix(int n) {
        Double[][] m = new Double[n][n];
        for (int i = 0; i < n; i++) m[i][i] = 0.0;
        return m;
    }

    /** Both triangles; a pair seen twice keeps the larger (worse) barrier. */
    private static void put(Double[][] m, int i, int j, double v) {
        Double old = m[i][j];
        double value = old == null || Double.isNaN(v) ? v : Math.max(old, v);
        m[i][j] = value;
        m[j][i] = value;
    }
}
