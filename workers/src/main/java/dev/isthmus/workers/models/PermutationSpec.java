package dev.isthmus.workers.models;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Which permutation group acts on each axis of each parameter, as in Git Re-Basin (Ainsworth et al.
 * 2022, {@code axes_to_perm}); {@link #permToAxes()} is derived from it. Permuting every axis named
 * by a group with the same permutation leaves the network's function unchanged.
 *
 * @param axesToPerm parameter name to one entry per axis: a permutation name, or null
 */
public record PermutationSpec(SortedMap<String, List<String>> axesToPerm) {

    /** One axis of one parameter. */
    public record Axis(String param, int axis) {}

    public PermutationSpec {
        SortedMap<String, List<String>> copy = new TreeMap<>();
        axesToPerm.forEach((k, v) -> copy.put(k, Collections.unmodifiableList(new ArrayList<>(v))));
        axesToPerm = Collections.unmodifiableSortedMap(copy);
    }

    /** Permutation name to every (parameter, axis) it acts on, parameters in name order. */
    public SortedMap<String, List<Axis>> permToAxes() {
        SortedMap<String, List<Axis>> out = new TreeMap<>();
        for (Map.Entry<String, List<String>> e : axesToPerm.entrySet()) {
            List<String> axes = e.getValue();
            for (int axis = 0; axis < axes.size(); axis++) {
                String perm = axes.get(axis);
                if (perm != null)
                    out.computeIfAbsent(perm, k -> new ArrayList<>())
                            .add(new Axis(e.getKey(), axis));
            }
        }
        return out;
    }

    /** The size of each permutation, read from the parameter shapes it acts on. */
    public SortedMap<String, Integer> sizes(Map<String, long[]> shapes) {
        SortedMap<String, Integer> sizes = new TreeMap<>();
        permToAxes()
                .forEach(
                        (perm, axes) -> {
                            for (Axis a : axes) {
                                long n = shapes.get(a.param())[a.axis()];
                                Integer seen = sizes.putIfAbsent(perm, (int) n);
                                if (seen != null && seen != n) {
                                    throw new IllegalArgumentException(
                                            "permutation "
                                                    + perm
                                                    + " acts on axes of sizes "
                                                    + seen
                                                    + " and "
                                                    + n
                                                    + " ("
                                                    + a.param()
                                                    + " axis "
                                                    + a.axis()
                                                    + ")");
                                }
                            }
                        });
        return sizes;
    }

    /** The same spec without the named tensors (such as buffers left out of a cost). */
    public PermutationSpec without(java.util.Set<String> names) {
        SortedMap<String, List<String>> kept = new TreeMap<>(axesToPerm);
        kept.keySet().removeAll(names);
        return new PermutationSpec(kept);
    }
}
