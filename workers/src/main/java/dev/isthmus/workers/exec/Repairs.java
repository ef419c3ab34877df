package dev.isthmus.workers.exec;

import ai.djl.ndarray.NDManager;
import dev.isthmus.api.spec.PathSpec;
import dev.isthmus.api.validation.BadInputException;
import dev.isthmus.workers.data.Split;
import dev.isthmus.workers.engine.DeviceBatches;
import dev.isthmus.workers.models.AffineLayers;
import dev.isthmus.workers.models.Params;
import dev.isthmus.workers.paths.Renormalization;
import dev.isthmus.workers.paths.Repair;
import dev.isthmus.workers.paths.ResetBatchNorm;

/** Builds the statistics correction a path's {@code repair} option names. */
final class Repairs {

    /** Training examples REPAIR measures statistics on (the first rows of the training split). */
    static final int REPAIR_EXAMPLES = 5000;

    /** Batch size of reset's forward passes when the endpoints were not trained here. */
    static final int RESET_BATCH = 128;

    private Repairs() {}

    /**
     * The correction for one pair: {@code a} and {@code b} are the endpoints (B aligned), whose
     * statistics REPAIR interpolates; training data comes from {@code ctx}.
     */
    static Repair create(SweepContext ctx, NDManager m, String repair, Params a, Params b) {
        if (repair == null || PathSpec.REPAIR_NONE.equals(repair)) {
            return Repair.NONE;
        }
        if (PathSpec.REPAIR_RESET.equals(repair)) {
            var train = ctx.spec().endpoints().train();
            return new ResetBatchNorm(
                    m,
                    ctx.model(),
                    ctx.dataset().train(),
                    train == null ? RESET_BATCH : train.batchSize(),
                    ResetBatchNorm.BATCHES,
                    ctx.spec().seeds().data());
        }
        if (PathSpec.REPAIR_REPAIR.equals(repair)) {
            if (!(ctx.model() instanceof AffineLayers layers)) {
                throw new BadInputException(
                        "spec.paths[].repair: repair is not available for "
                                + ctx.model().describe());
            }
            Split train = ctx.dataset().train();
            int n = Math.min(REPAIR_EXAMPLES, train.size());
            return new Renormalization(layers, DeviceBatches.upload(m, train, 0, n).x(), a, b);
        }
        throw new BadInputException(
                "spec.paths[].repair: "
                        + repair
                        + " is not implemented yet (available: none, reset, repair)");
    }
}
