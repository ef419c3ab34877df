package dev.isthmus.workers.metrics;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * Linear centred kernel alignment (Kornblith et al. 2019): for representations X (n, p) and Y (n,
 * q) of the same n inputs, columns centred, CKA = ‖YᵀX‖_F² / (‖XᵀX‖_F · ‖YᵀY‖_F). It is 1 for
 * identical representations and invariant to orthogonal maps and isotropic scaling of either side;
 * computed in float64.
 */
public final class LinearCka {
    private LinearCka() {}

    public static double of(NDArray x, NDArray y) {
        try (NDArray xc = centred(x);
                NDArray yc = centred(y);
                NDArray yx = yc.transpose().matMul(xc); // (q, p)
                NDArray xx = xc.transpose().matMul(xc); // (p, p)
                NDArray yy = yc.transpose().matMul(yc)) { // (q, q)
            double cross = squaredNorm(yx);
            double denominator = Math.sqrt(squaredNorm(xx)) * Math.sqrt(squaredNorm(yy));
            return denominator == 0 ? 0 : cross / denominator;
        }
    }

    private static NDArray centred(NDArray a) {
        try (NDArray d = a.toType(DataType.FLOAT64, true);
                NDArray mean = d.mean(new int[] {0}, true)) {
            return d.sub(mean);
        }
    }

    private static double squaredNorm(NDArray a) {
        try (NDArray sq = a.square();
                NDArray sum = sq.sum()) {
            return sum.getDouble();
        }
    }
}
