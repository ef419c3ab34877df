package dev.isthmus.workers.merge;

import ai.djl.ndarray.NDManager;
import dev.isthmus.api.spec.Names;
import dev.isthmus.api.validation.BadInputException;
import dev.isthmus.workers.data.Split;
import dev.isthmus.workers.engine.DeviceBatches;
import dev.isthmus.workers.models.AffineLayers;
import dev.isthmus.workers.models.Model;
import dev.isthmus.workers.models.Params;
import dev.isthmus.workers.paths.Renormalization;
import dev.isthmus.workers.paths.Repair;
import dev.isthmus.workers.paths.ResetBatchNorm;
import java.util.List;

/**
 * The statistics correction of a merged network, as a path's {@code repair} corrects a point on a
 * path: {@code reset} recomputes BatchNorm statistics on training batches, {@code repair} rescales
 * each unit to the weighted mean of the members' statistics ({@link Renormalization#ofMembers}).
 */
public final class MergeRepair {
    /** Training examples REPAIR measures statistics on, as for paths. */
    static final int REPAIR_EXAMPLES = 5000;

    /** Batch size of reset's forward passes. */
    static final int RESET_BATCH = 128;

    private MergeRepair() {}

    /** {@code reset} for a model with BatchNorm statistics, else {@code none}. */
    public static Names.Repair defaultFor(Model model) {
        return model.buffers().isEmpty() ? Names.Repair.NONE : Names.Repair.RESET;
    }

    /**
     * The correction; {@code members} are in the merge's frame and {@code weights} sum to 1.
     *
     * @param seed draws reset's training batches
     */
    public static Repair create(
            Names.Repair kind,
            NDManager manager,
            Model model,
            Split train,
            List<Params> members,
            double[] weights,
            long seed) {
        return switch (kind) {
            case NONE -> Repair.NONE;
            case RESET ->
                    new ResetBatchNorm(
                            manager, model, train, RESET_BATCH, ResetBatchNorm.BATCHES, seed);
            case REPAIR -> {
                if (!(model instanceof AffineLayers layers)) {
                    throw new BadInputException(
                            "repair (REPAIR) is not available for "
                                    + model.describe()
                                    + " (use reset or none)");
                }
                int n = Math.min(REPAIR_EXAMPLES, train.size());
                yield Renormalization.ofMembers(
                        layers, DeviceBatches.upload(manager, train, 0, n).x(), members, weights);
            }
        };
    }
}
