package dev.isthmus.workers.exec;

import ai.djl.ndarray.NDManager;
import dev.isthmus.api.spec.PathSpec;
import dev.isthmus.workers.models.Params;
import dev.isthmus.workers.paths.Repair;

/** Builds the statistics correction a path's {@code repair} option names. */
final class Repairs {
    private Repairs() {}

    /**
     * The correction for one pair: {@code a} and {@code b} are the endpoints (B aligned), whose
     * statistics REPAIR interpolates; training data comes from {@code ctx}.
     */
    static Repair create(SweepContext ctx, NDManager m, String repair, Params a, Params b) {
        if (repair == null || PathSpec.REPAIR_NONE.equals(repair)) {
            return Repair.NONE;
        }
        throw new IllegalArgumentException(
                "spec.paths[].repair: " + repair + " is not implemented yet (available: none)");
    }
}
