package dev.isthmus.workers.paths;

import dev.isthmus.workers.models.Params;
import java.util.function.DoubleFunction;

/**
 * A statistics correction applied to the network at each point of a path before it is evaluated:
 * interpolated networks lose activation variance (Jordan et al. 2022), which BatchNorm statistics
 * recomputed at each alpha ({@code reset}) or REPAIR's rescaled pre-activations ({@code repair})
 * undo. A correction returns new parameters and leaves its input unchanged.
 */
@FunctionalInterface
public interface Repair {

    /** The corrected network at {@code alpha}, given the uncorrected one. */
    Params apply(Params atAlpha, double alpha);

    /** No correction: the path's networks as they are. */
    Repair NONE = (p, alpha) -> p;

    /** The path with this correction applied at every alpha. */
    default DoubleFunction<Params> on(DoubleFunction<Params> path) {
        return this == NONE ? path : alpha -> apply(path.apply(alpha), alpha);
    }
}
