package dev.isthmus.workers.metrics;

import java.util.List;
import java.util.Map;

/**
 * The barrier decomposition along one path, per alpha, with the attribution at the alpha of the
 * largest mean gap. See {@link BarrierDecomposition}.
 *
 * @param alphas the path's alphas
 * @param meanGap mean of ℓ(γ) − (1−α)ℓ_A − αℓ_B (the chord loss gap, in float64)
 * @param meanD mean of D = LSE(z_γ) − LSE(z_lin)
 * @param meanJ mean of J = (1−α)LSE(z_A) + αLSE(z_B) − LSE(z_lin), never negative
 * @param meanEy mean of E_y, the true-label logit linearization error
 * @param maxAbsE ‖E‖∞ over all examples and classes
 * @param residual max over examples of |gap − (D − J − E_y)|
 * @param maxResidual the largest residual over all alphas (bar: ≤ 1e-9)
 * @param boundViolations examples where D leaves [⟨softmax(z_lin), E⟩, ⟨softmax(z_γ), E⟩]
 * @param attribution who carries the barrier
 */
public record Decomposition(
        double[] alphas,
        double[] meanGap,
        double[] meanD,
        double[] meanJ,
        double[] meanEy,
        double[] maxAbsE,
        double[] residual,
        double maxResidual,
        int[] boundViolations,
        Attribution attribution) {

    /** The same decomposition without its attribution (when only the terms were asked for). */
    public Decomposition withoutAttribution() {
        return new Decomposition(
                alphas,
                meanGap,
                meanD,
                meanJ,
                meanEy,
                maxAbsE,
                residual,
                maxResidual,
                boundViolations,
                null);
    }

    /**
     * Attribution of the gap at one alpha.
     *
     * @param alpha where the mean gap is largest
     * @param barrier the mean gap there
     * @param topShares share of the summed gap carried by the top 10 / 35 / 50 % of examples (keys
     *     top10, top35, top50); empty when there is no positive barrier to attribute
     * @param perClass each class's contribution to the mean gap (sums to {@code barrier})
     * @param dominating indices (in evaluation order) of the 20 examples with the largest gap
     */
    public record Attribution(
            double alpha,
            double barrier,
            Map<String, Double> topShares,
            double[] perClass,
            List<Integer> dominating) {}
}
