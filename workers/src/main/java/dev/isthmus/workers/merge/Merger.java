package dev.isthmus.workers.merge;

import ai.djl.ndarray.NDManager;
import dev.isthmus.api.spec.Names;
import dev.isthmus.workers.align.CycleConsistency;
import dev.isthmus.workers.align.MergeMany;
import dev.isthmus.workers.align.Permutations;
import dev.isthmus.workers.data.Dataset;
import dev.isthmus.workers.engine.DeviceBatches;
import dev.isthmus.workers.io.HostTensor;
import dev.isthmus.workers.metrics.Evaluator;
import dev.isthmus.workers.metrics.LossAccuracy;
import dev.isthmus.workers.models.Buffers;
import dev.isthmus.workers.models.Model;
import dev.isthmus.workers.models.Params;
import dev.isthmus.workers.paths.Repair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Merges k checkpoints of one architecture: aligns them into the first one's frame, averages them
 * with the given weights, corrects the average's statistics, and evaluates the merge beside every
 * member and beside the naive average (the same weights, no alignment, the same correction).
 */
public final class Merger {
    /** Rows per forward pass of the evaluations. */
    static final int EVAL_BATCH = 1000;

    /**
     * What to merge and how.
     *
     * @param members the checkpoints' tensors, all of the model's shapes
     * @param weights per member, summing to 1
     * @param repair the statistics correction of the merged and the naive average
     * @param seed orders weight matching's groups and merge-many's models; draws reset's batches
     * @param cycles also measure the cycle consistency of pairwise weight matching over every
     *     triple of members
     */
    public record Request(
            Model model,
            List<? extends Map<String, HostTensor>> members,
            Names.MergeAlignment alignment,
            double[] weights,
            Names.Repair repair,
            int maxIterations,
            int maxSweeps,
            long seed,
            boolean cycles) {}

    /**
     * Loss and accuracy on the evaluation split.
     *
     * @param members each member as it is, in the request's order
     * @param naive the weighted average without alignment
     * @param merged the weighted average in the common frame
     */
    public record Evaluation(
            int examples, List<LossAccuracy> members, LossAccuracy naive, LossAccuracy merged) {}

    /**
     * The cycle errors over every triple of members.
     *
     * @param pairwise of independent pairwise weight matching (each j onto each i < j)
     * @param frame of the pairwise maps the merge's frame induces (zero by construction)
     */
    public record Cycles(
            List<CycleConsistency.Triple> pairwise, List<CycleConsistency.Triple> frame) {}

    /**
     * The merge.
     *
     * @param merged the corrected weighted average, as a PyTorch state_dict holds it
     * @param cycles null unless the request asked for them
     */
    public record Result(
            SortedMap<String, HostTensor> merged,
            FrameAlignment.Result alignment,
            Evaluation evaluation,
            Cycles cycles) {}

    private Merger() {}

    public static Result run(NDManager manager, Dataset data, Request r) {
        Model model = r.model();
        MergeMany.Options options =
                new MergeMany.Options(r.maxIterations(), r.maxSweeps(), r.seed());
        FrameAlignment.Result frame =
                FrameAlignment.of(manager, model, r.alignment(), r.members(), options);
        SortedMap<String, HostTensor> merged =
                Average.of(model, r.members(), frame.perms(), r.weights());
        List<Map<String, int[]>> none = new ArrayList<>();
        for (int i = 0; i < r.members().size(); i++) none.add(Map.of());
        SortedMap<String, HostTensor> naive = Average.of(model, r.members(), none, r.weights());

        SortedMap<String, HostTensor> written;
        Evaluation evaluation;
        try (NDManager m = manager.newSubManager();
                DeviceBatches batches = new DeviceBatches(m, data.eval(), EVAL_BATCH)) {
            List<LossAccuracy> members = new ArrayList<>();
            List<Params> unaligned = new ArrayList<>();
            List<Params> aligned = new ArrayList<>(); // only REPAIR reads the members' statistics
            for (int i = 0; i < r.members().size(); i++) {
                Params p = Params.upload(m, r.members().get(i));
                unaligned.add(p);
                members.add(Evaluator.evaluate(model, p, batches));
                if (r.repair() == Names.Repair.REPAIR) {
                    var moved =
                            Permutations.apply(
                                    model.permutationSpec(),
                                    frame.perms().get(i),
                                    r.members().get(i));
                    aligned.add(Params.upload(m, moved));
                }
            }
            Params mergedParams = repair(r, m, data, aligned).apply(Params.upload(m, merged), 1);
            Params naiveParams = repair(r, m, data, unaligned).apply(Params.upload(m, naive), 1);
            evaluation =
                    new Evaluation(
                            batches.examples(),
                            List.copyOf(members),
                            Evaluator.evaluate(model, naiveParams, batches),
                            Evaluator.evaluate(model, mergedParams, batches));
            written = Buffers.stateDict(model, mergedParams.download());
        }
        Cycles cycles = r.cycles() ? cycles(manager, r, frame, options) : null;
        return new Result(written, frame, evaluation, cycles);
    }

    private static Repair repair(Request r, NDManager m, Dataset data, List<Params> members) {
        return MergeRepair.create(
                r.repair(), m, r.model(), data.train(), members, r.weights(), r.seed());
    }

    private static Cycles cycles(
            NDManager manager, Request r, FrameAlignment.Result frame, MergeMany.Options options) {
        int k = r.members().size();
        List<List<SortedMap<String, int[]>>> pairwise = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            List<SortedMap<String, int[]>> row = new ArrayList<>();
            for (int j = 0; j < k; j++) {
                row.add(
                        j <= i
                                ? null
                                : FrameAlignment.of(
                                                manager,
                                                r.model(),
                                                Names.MergeAlignment.WEIGHT_MATCHING,
                                                List.of(r.members().get(i), r.members().get(j)),
                                                options)
                                        .perms()
                                        .get(1));
            }
            pairwise.add(row);
        }
        List<SortedMap<String, int[]>> f = frame.perms();
        return new Cycles(
                CycleConsistency.all(k, (i, j) -> pairwise.get(i).get(j)),
                CycleConsistency.all(k, (i, j) -> CycleConsistency.induced(f.get(i), f.get(j))));
    }
}
