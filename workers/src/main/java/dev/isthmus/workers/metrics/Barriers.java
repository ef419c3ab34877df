package dev.isthmus.workers.metrics;

import dev.isthmus.workers.paths.Curve;

/**
 * The three barrier definitions used in the literature, for loss and (sign flipped, as a drop below
 * the reference) for accuracy:
 *
 * <ul>
 *   <li>{@code lin} = max_α [L(α) − ((1−α)L_A + αL_B)], the chord barrier (Entezari et al. 2022)
 *   <li>{@code mean} = max_α L(α) − ½(L_A + L_B) (Frankle et al. 2020; Git Re-Basin)
 *   <li>{@code max} = max_α L(α) − max(L_A, L_B)
 * </ul>
 *
 * @param lin chord barrier
 * @param mean barrier above the endpoints' mean
 * @param max barrier above the worse endpoint
 * @param argmaxAlpha the α where the chord barrier is reached
 */
public record Barriers(double lin, double mean, double max, double argmaxAlpha) {

    /** Barriers of the loss curve (higher loss is worse). */
    public static Barriers ofLoss(Curve c) {
        return of(c.alphas(), c.loss());
    }

    /** Barriers of the accuracy curve, as drops below the reference (lower accuracy is worse). */
    public static Barriers ofAccuracy(Curve c) {
        double[] neg = new double[c.size()];
        for (int i = 0; i < neg.length; i++) neg[i] = -c.accuracy()[i];
        return of(c.alphas(), neg);
    }

    /** All barriers undefined: some point of the curve is not a finite number. */
    public static final Barriers UNDEFINED =
            new Barriers(Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    /**
     * Barriers of a curve {@code v(α)} where larger values are worse; {@link #UNDEFINED} if any
     * value is NaN or infinite (a diverged network has no meaningful barrier).
     */
    static Barriers of(double[] alphas, double[] v) {
        for (double x : v) {
            if (!Double.isFinite(x)) return UNDEFINED;
        }
        int n = v.length;
        double a = v[0];
        double b = v[n - 1];
        double lin = Double.NEGATIVE_INFINITY;
        double argmax = 0;
        double peak = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double chord = (1 - alphas[i]) * a + alphas[i] * b;
            double gap = v[i] - chord;
            if (gap > lin) {
                lin = gap;
                argmax = alphas[i];
            }
            peak = Math.max(peak, v[i]);
        }
        return new Barriers(lin, peak - 0.5 * (a + b), peak - Math.max(a, b), argmax);
    }
}
