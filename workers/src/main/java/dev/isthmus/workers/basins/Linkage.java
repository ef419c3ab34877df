package dev.isthmus.workers.basins;

import java.util.ArrayList;
import java.util.List;

/**
 * Agglomerative hierarchical clustering of endpoints on a barrier matrix, with single, average
 * (UPGMA) or complete linkage, by the Lance–Williams updates (Lance and Williams 1967). Clusters
 * are numbered as in SciPy's linkage matrices: the N endpoints are 0 … N−1 and the k-th merge makes
 * cluster N + k. An infinite distance (a pair not measured, or a diverged path) is never merged, so
 * the result may be a forest. Ties go to the pair of lowest cluster numbers: the same matrix gives
 * the same tree on every run.
 */
public final class Linkage {
    private Linkage() {}

    /** The linkage rules, by their spec names. */
    public enum Method {
        SINGLE,
        AVERAGE,
        COMPLETE;

        static Method of(String name) {
            return valueOf(name.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /**
     * One merge: clusters {@code left} and {@code right} joined at {@code height} into a cluster of
     * {@code size} endpoints.
     */
    public record Merge(int left, int right, double height, int size) {}

    /**
     * The merges of {@code distance} (symmetric, N×N, zero diagonal; non-finite entries are never
     * joined), lowest first.
     */
    public static List<Merge> cluster(double[][] distance, Method method) {
        int n = distance.length;
        int total = 2 * n - 1;
        double[][] d = new double[total][total];
        int[] size = new int[total];
        boolean[] active = new boolean[total];
        int[] min = new int[total]; // smallest endpoint in each cluster, to order children
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double v = distance[i][j];
                d[i][j] = Double.isFinite(v) ? v : Double.POSITIVE_INFINITY;
            }
            size[i] = 1;
            active[i] = true;
            min[i] = i;
        }
        List<Merge> merges = new ArrayList<>();
        for (int next = n; next < total; next++) {
            int bi = -1;
            int bj = -1;
            double best = Double.POSITIVE_INFINITY;
            for (int i = 0; i < next; i++) {
                if (!active[i]) continue;
                for (int j = i + 1; j < next; j++) {
                    if (active[j] && d[i][j] < best) {
                        best = d[i][j];
                        bi = i;
                        bj = j;
                    }
                }
            }
            if (bi < 0) break; // what is left is not connected at any finite barrier
            int left = min[bi] <= min[bj] ? bi : bj;
            int right = left == bi ? bj : bi;
            size[next] = size[bi] + size[bj];
            min[next] = Math.min(min[bi], min[bj]);
            active[bi] = false;
            active[bj] = false;
            for (int k = 0; k < next; k++) {
                if (!active[k]) continue;
                double v = update(method, d[k][bi], d[k][bj], size[bi], size[bj]);
                d[k][next] = v;
                d[next][k] = v;
            }
            active[next] = true;
            merges.add(new Merge(left, right, best, size[next]));
        }
        return merges;
    }

    private static double update(Method method, double ki, double kj, int ni, int nj) {
        return switch (method) {
            case SINGLE -> Math.min(ki, kj);
            case COMPLETE -> Math.max(ki, kj);
            case AVERAGE -> (ni * ki + nj * kj) / (ni + nj);
        };
    }

    /** The endpoints in dendrogram order: each tree's leaves left to right, trees by first leaf. */
    public static List<Integer> leafOrder(int n, List<Merge> merges) {
        List<List<Integer>> leaves = new ArrayList<>();
        boolean[] isRoot = new boolean[n + merges.size()];
        for (int i = 0; i < n; i++) {
            leaves.add(List.of(i));
            isRoot[i] = true;
        }
        for (Merge m : merges) {
            List<Integer> joined = new ArrayList<>(leaves.get(m.left()));
            joined.addAll(leaves.get(m.right()));
            leaves.add(joined);
            isRoot[m.left()] = false;
            isRoot[m.right()] = false;
            isRoot[leaves.size() - 1] = true;
        }
        List<List<Integer>> roots = new ArrayList<>();
        for (int c = 0; c < leaves.size(); c++) if (isRoot[c]) roots.add(leaves.get(c));
        roots.sort(java.util.Comparator.comparingInt(l -> l.stream().min(Integer::compare).get()));
        List<Integer> order = new ArrayList<>();
        roots.forEach(order::addAll);
        return order;
    }

    /**
     * The basins: the clusters left after every merge at a height at or below {@code threshold},
     * each a sorted list of endpoints, in order of their first endpoint. Single, average and
     * complete linkage merge at non-decreasing heights, so this is a cut of the tree.
     */
    public static List<List<Integer>> cut(int n, List<Merge> merges, double threshold) {
        List<List<Integer>> clusters = new ArrayList<>();
        for (int i = 0; i < n; i++) clusters.add(new ArrayList<>(List.of(i)));
        List<Integer> top = new ArrayList<>();
        for (int i = 0; i < n; i++) top.add(i);
        for (int k = 0; k < merges.size(); k++) {
            Merge m = merges.get(k);
            if (!(m.height() <= threshold)) break;
            List<Integer> joined = new ArrayList<>(clusters.get(m.left()));
            joined.addAll(clusters.get(m.right()));
            clusters.add(joined);
            top.remove(Integer.valueOf(m.left()));
            top.remove(Integer.valueOf(m.right()));
            top.add(n + k);
        }
        List<List<Integer>> basins = new ArrayList<>();
        for (int c : top) {
            List<Integer> members = new ArrayList<>(clusters.get(c));
            members.sort(Integer::compare);
            basins.add(List.copyOf(members));
        }
        basins.sort(java.util.Comparator.comparingInt(b -> b.get(0)));
        return basins;
    }
}
