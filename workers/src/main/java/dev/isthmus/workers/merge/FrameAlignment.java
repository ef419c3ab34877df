package dev.isthmus.workers.merge;

import ai.djl.ndarray.NDManager;
import dev.isthmus.api.spec.AlignmentSpec;
import dev.isthmus.api.spec.Names;
import dev.isthmus.workers.align.Aligners;
import dev.isthmus.workers.align.MergeMany;
import dev.isthmus.workers.align.Permutations;
import dev.isthmus.workers.io.HostTensor;
import dev.isthmus.workers.models.Model;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Brings the members of a merge into one permutation frame, the first member's: {@code none} leaves
 * them as they are, {@code weight-matching} aligns each to the first independently, {@code
 * merge-many} runs {@link MergeMany}.
 */
public final class FrameAlignment {

    /**
     * The frame.
     *
     * @param perms per member, per group: the member's unit placed in the frame's slot i (the first
     *     member's are identities)
     * @param iterations merge-many's passes over the members; 1 for weight-matching, 0 for none
     * @param converged whether the last pass (every weight-matching run) stopped on its own
     * @param sweeps per member, the weight-matching sweeps aligning it to the first (null for
     *     merge-many, whose steps are many such runs)
     */
    public record Result(
            List<SortedMap<String, int[]>> perms,
            int iterations,
            boolean converged,
            List<Integer> sweeps) {}

    private FrameAlignment() {}

    public static Result of(
            NDManager manager,
            Model model,
            Names.MergeAlignment method,
            List<? extends Map<String, HostTensor>> members,
            MergeMany.Options options) {
        return switch (method) {
            case NONE -> {
                List<SortedMap<String, int[]>> perms = new ArrayList<>();
                for (int i = 0; i < members.size(); i++) perms.add(identity(model, members.get(0)));
                yield new Result(perms, 0, true, null);
            }
            case WEIGHT_MATCHING -> toFirst(manager, model, members, options);
            case MERGE_MANY -> {
                MergeMany.Result r = MergeMany.run(manager, model, members, options);
                yield new Result(r.perms(), r.iterations(), r.converged(), null);
            }
        };
    }

    private static Result toFirst(
            NDManager manager,
            Model model,
            List<? extends Map<String, HostTensor>> members,
            MergeMany.Options options) {
        AlignmentSpec wm =
                new AlignmentSpec(AlignmentSpec.WEIGHT_MATCHING, options.maxSweeps(), null, null);
        List<SortedMap<String, int[]>> perms = new ArrayList<>();
        List<Integer> sweeps = new ArrayList<>();
        perms.add(identity(model, members.get(0)));
        sweeps.add(0);
        boolean converged = true;
        for (int j = 1; j < members.size(); j++) {
            Aligners.Outcome o =
                    Aligners.align(
                            manager,
                            model,
                            wm,
                            options.seed(),
                            members.get(0),
                            members.get(j),
                            () -> null);
            perms.add(o.alignment().perms());
            sweeps.add(o.alignment().sweeps());
            converged &= o.alignment().sweeps() < options.maxSweeps();
        }
        return new Result(perms, 1, converged, sweeps);
    }

    /** The identity for every permutation group of the model, sized by a member's tensors. */
    static SortedMap<String, int[]> identity(Model model, Map<String, HostTensor> member) {
        Map<String, long[]> shapes = new TreeMap<>();
        member.forEach((name, t) -> shapes.put(name, t.shape()));
        return Permutations.identity(model.permutationSpec().sizes(shapes));
    }
}
