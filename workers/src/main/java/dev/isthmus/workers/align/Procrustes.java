package dev.isthmus.workers.align;

/**
 * Orthogonal Procrustes (Schönemann 1966): the orthogonal Q maximising Σ_ij Q_ij M_ij = tr(QᵀM) is
 * the polar factor U·Vᵀ of M = U·diag(s)·Vᵀ. {@link #fixingOnes} restricts Q to the maps with Q·1 =
 * 1, the orthogonal symmetries of a residual stream read through LayerNorms (Theus et al. 2025;
 * {@link dev.isthmus.workers.models.ResidualStream}): a Householder reflection H that sends the
 * last basis vector to 1/√d splits the space into 1 and its orthogonal complement, Q = H·diag(R,
 * 1)·H, and R is the polar factor of the leading (d−1) × (d−1) block of H·M·H.
 */
public final class Procrustes {
    private Procrustes() {}

    /** The orthogonal Q (n × n, row-major) maximising tr(QᵀM). */
    public static double[] orthogonal(double[] m, int n) {
        Svd svd = Svd.of(m, n);
        double[] q = new double[Math.multiplyExact(n, n)]; // U·Vᵀ
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) s += svd.u()[i * n + k] * svd.v()[j * n + k];
                q[i * n + j] = s;
            }
        }
        return q;
    }

    /** The orthogonal Q (d × d) with Q·1 = 1 maximising tr(QᵀM). */
    public static double[] fixingOnes(double[] m, int d) {
        if (d == 1) return new double[] {1};
        double[] w = householder(d);
        double[] n = reflectColumns(reflectRows(m, w, d), w, d); // H·M·H
        int k = d - 1;
        double[] lead = new double[Math.multiplyExact(k, k)];
        for (int i = 0; i < k; i++) System.arraycopy(n, i * d, lead, i * k, k);
        double[] r = orthogonal(lead, k);
        double[] block = new double[Math.multiplyExact(d, d)]; // diag(R, 1)
        for (int i = 0; i < k; i++) System.arraycopy(r, i * k, block, i * d, k);
        block[d * d - 1] = 1;
        return reflectColumns(reflectRows(block, w, d), w, d);
    }

    /** w with H = I − 2·w·wᵀ/(wᵀw) sending e_{d−1} to 1/√d: w = e_{d−1} − 1/√d. */
    private static double[] householder(int d) {
        double[] w = new double[d];
        double c = 1 / Math.sqrt(d);
        for (int i = 0; i < d; i++) w[i] = -c;
        w[d - 1] += 1;
        return w;
    }

    /** H·X for a row-major d × d X. */
    private static double[] reflectRows(double[] x, double[] w, int d) {
        double ww = Svd.dot(w, w);
        double[] out = x.clone();
        for (int j = 0; j < d; j++) {
            double s = 0;
            for (int i = 0; i < d; i++) s += w[i] * x[i * d + j];
            double f = 2 * s / ww;
            for (int i = 0; i < d; i++) out[i * d + j] -= f * w[i];
        }
        return out;
    }

    /** X·H for a row-major d × d X. */
    private static double[] reflectColumns(double[] x, double[] w, int d) {
        double ww = Svd.dot(w, w);
        double[] out = x.clone();
        for (int i = 0; i < d; i++) {
            double s = 0;
            for (int j = 0; j < d; j++) s += x[i * d + j] * w[j];
            double f = 2 * s / ww;
            for (int j = 0; j < d; j++) out[i * d + j] -= f * w[j];
        }
        return out;
    }

    /** The permutation matrix of {@code perm} in Git Re-Basin's convention: Q[i, perm[i]] = 1. */
    public static double[] permutationMatrix(int[] perm) {
        int n = perm.length;
        double[] q = new double[Math.multiplyExact(n, n)];
        for (int i = 0; i < n; i++) q[i * n + perm[i]] = 1;
        return q;
    }
}
