package dev.isthmus.workers.paths;

import dev.isthmus.workers.models.Params;

/**
 * The quadratic Bézier curve γ(α) = (1−α)²θ_A + 2α(1−α)c + α²θ_B through control point c (Garipov
 * et al. 2018). With c at the midpoint of A and B it is the straight line; its ends are the
 * endpoints bit for bit.
 */
public final class BezierPath {
    private BezierPath() {}

    public static Params at(Params a, Params c, Params b, double alpha) {
        float wa = (float) ((1 - alpha) * (1 - alpha));
        float wc = (float) (2 * alpha * (1 - alpha));
        float wb = (float) (alpha * alpha);
        Params ac = a.zip(c, (x, y) -> x.mul(wa).addi(y.mul(wc)));
        return ac.zip(b, (x, y) -> x.addi(y.mul(wb)));
    }

    /** The midpoint (θ_A + θ_B) / 2: the control point before training. */
    public static Params midpoint(Params a, Params b) {
        return a.zip(b, (x, y) -> x.add(y).divi(2f));
    }
}
