package dev.isthmus.workers.exec;

import ai.djl.ndarray.NDManager;
import dev.isthmus.api.spec.Names;
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
        if (repair == null) return Repair.NONE;
        Names.Repair kind =
                Names.parse(Names.Repair.class, repair)
                        .orElseThrow(
                                () ->
                                        new BadInputException(
                                                "spec.paths[].repair: "
                                                        + repair
                                                        + " is not implemented yet (available:"
                                                        + " none, reset, repair)"));
        return switch (kind) {
            case NONE -> Repair.NONE;
            case RESET -> reset(ctx, m);
            case REPAIR -> renormalization(ctx, m, a, b);
        };
    }

    /** BatchNorm statistics recomputed at each alpha on training batches. */
    private static Repair reset(SweepContext ctx, NDManager m) {
        var train = ctx.spec().endpoints().train();
        return new ResetBatchNorm(
                m,
                ctx.model(),
                ctx.dataset().train(),
                train == null ? RESET_BATCH : train.batchSize(),
                ResetBatchNorm.BATCHES,
                ctx.spec().seeds().data());
    }

    /** REPAIR: the endpoints' statistics interpolated, measured on the first training rows. */
    private static Repair renormalization(SweepContext ctx, NDManager m, Params a, Params b) {
        if (!(ctx.model() instanceof AffineLayers layers)) {
            throw new BadInputException(
                    "spec.paths[].repair: repair is not available for " + ctx.model().describe());
        }
        Split train = ctx.dataset().train();
        int n = Math.min(REPAIR_EXAMPLES, train.size());
        return new Renormalization(layers, DeviceBatches.upload(m, train, 0, n).x(), a, b);
    }
}
