package dev.isthmus.workers.models;

import dev.isthmus.api.validation.BadInputException;
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
 * <p>Two extensions for transformers. A group may be <em>blocked</em> ({@link #blocks()}): its axis
 * is made of consecutive blocks of {@code size} units (attention heads), a permutation may only
 * move whole blocks and permute units within each block, and every group naming the same {@code
 * blocks} moves its blocks in the same order (a head's query/key rows and its value rows and output
 * columns travel together). And a group may be a {@link ResidualStream}, which besides permutations
 * also admits an orthogonal map once its LayerNorms are folded.
 *
 * @param axesToPerm parameter name to one entry per axis: a permutation name, or null
 * @param blocks blocked groups: group name to how it is blocked (empty for none)
 * @param residual the residual stream, or null when the architecture has none
 */
public record PermutationSpec(
        SortedMap<String, List<String>> axesToPerm,
        SortedMap<String, Blocked> blocks,
        ResidualStream residual) {

    /** One axis of one parameter. */
    public record Axis(String param, int axis) {}

    /**
     * How a group is blocked.
     *
     * @param blocks name of the block order shared by the groups that name it (e.g. heads)
     * @param size units per block (e.g. the head dimension)
     */
    public record Blocked(String blocks, int size) {}

    public PermutationSpec {
        SortedMap<String, List<String>> copy = new TreeMap<>();
        axesToPerm.forEach((k, v) -> copy.put(k, Collections.unmodifiableList(new ArrayList<>(v))));
        axesToPerm = Collections.unmodifiableSortedMap(copy);
        blocks = Collections.unmodifiableSortedMap(new TreeMap<>(blocks));
    }

    /** Plain permutation groups: no blocks, no residual stream. */
    public PermutationSpec(SortedMap<String, List<String>> axesToPerm) {
        this(axesToPerm, new TreeMap<>(), null);
    }

    /**
     * The groups weight matching solves together, in name order: each blocked family (groups
     * sharing a block order) is one step, every other group a step of its own.
     */
    public List<List<String>> steps() {
        SortedMap<String, List<String>> byBlocks = new TreeMap<>();
        List<List<String>> steps = new ArrayList<>();
        for (String group : permToAxes().keySet()) {
            Blocked b = blocks.get(group);
            if (b == null) {
                steps.add(List.of(group));
            } else {
                List<String> family = byBlocks.get(b.blocks());
                if (family == null) {
                    family = new ArrayList<>();
                    byBlocks.put(b.blocks(), family);
                    steps.add(family);
                }
                family.add(group);
            }
        }
        return steps;
    }

    /** The same spec with {@code group} removed from every axis (its axes left unpermuted). */
    public PermutationSpec without(String group) {
        SortedMap<String, List<String>> axes = new TreeMap<>();
        axesToPerm.forEach(
                (name, perms) ->
                        axes.put(
                                name,
                                perms.stream().map(p -> group.equals(p) ? null : p).toList()));
        SortedMap<String, Blocked> kept = new TreeMap<>(blocks);
        kept.remove(group);
        return new PermutationSpec(axes, kept, residual);
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
                                    throw new BadInputException(
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
        blocks.forEach(
                (group, b) -> {
                    Integer n = sizes.get(group);
                    if (n != null && (b.size() < 1 || n % b.size() != 0)) {
                        throw new BadInputException(
                                "permutation "
                                        + group
                                        + " acts on axes of size "
                                        + n
                                        + ", not a multiple of its blocks of "
                                        + b.size());
                    }
                });
        return sizes;
    }

    /** The same spec without the named tensors (such as buffers left out of a cost). */
    public PermutationSpec withoutTensors(java.util.Set<String> names) {
        SortedMap<String, List<String>> kept = new TreeMap<>(axesToPerm);
        kept.keySet().removeAll(names);
        return new PermutationSpec(kept, blocks, residual);
    }
}
