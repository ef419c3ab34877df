package dev.isthmus.workers.paths;

import dev.isthmus.workers.models.Params;

/**
 * The straight line γ(α) = (1−α)θ_A + αθ_B. At α = 0 and α = 1 it returns the endpoint's own values
 * bit for bit (x·1 + y·0 = x for finite y), so the curve's ends equal the endpoints.
 */
public final class LinearPath {
    private LinearPath() {}

    public static Params at(Params a, Params b, double alpha) {
        float wa = (float) (1 - alpha);
        float wb = (float) alpha;
        return a.zip(b, (x, y) -> x.mul(wa).addi(y.mul(wb)));
    }

    /** {@code n} evenly spaced points from 0 to 1, endpoints included. */
    public static double[] alphas(int n) {
        double[] alphas = new double[n];
        for (int i = 0; i < n; i++) alphas[i] = (double) i / (n - 1);
        return alphas;
    }
}
