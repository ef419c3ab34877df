package dev.isthmus.workers.align;

import dev.isthmus.api.validation.BadInputException;

/**
 * Singular value decomposition A = U·diag(s)·Vᵀ of a square float64 matrix by one-sided Jacobi
 * rotations (Hestenes 1958; Demmel and Veselić 1992, "Jacobi's method is more accurate than QR"):
 * columns of A are rotated pairwise until all are orthogonal; their norms are the singular values
 * and the accumulated rotations are V. Accurate to a few ulps for the small matrices alignment
 * needs (the residual stream width), and free of dependencies.
 *
 * @param u left singular vectors as columns, row-major (n × n); a column whose singular value is
 *     zero is completed to an orthonormal basis
 * @param s singular values, in column order (not sorted)
 * @param v right singular vectors as columns, row-major (n × n)
 */
public record Svd(double[] u, double[] s, double[] v, int n) {
    private static final double EPS = 1e-15;
    private static final int MAX_SWEEPS = 80;

    /** Decomposes the row-major n × n matrix {@code a}. */
    public static Svd of(double[] a, int n) {
        if (a.length != n * n) {
            throw new BadInputException(
                    "svd: expected " + n + " x " + n + " values, got " + a.length);
        }
        double[][] cols = new double[n][n]; // cols[j] = column j of A, rotated in place
        double[][] vcols = new double[n][n];
        for (int i = 0; i < n; i++) {
            vcols[i][i] = 1;
            for (int j = 0; j < n; j++) cols[j][i] = a[i * n + j];
        }
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            boolean rotated = false;
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    double alpha = dot(cols[p], cols[p]);
                    double beta = dot(cols[q], cols[q]);
                    double gamma = dot(cols[p], cols[q]);
                    if (Math.abs(gamma) <= EPS * Math.sqrt(alpha * beta) || gamma == 0) continue;
                    rotated = true;
                    double zeta = (beta - alpha) / (2 * gamma);
                    double t = Math.signum(zeta) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
                    if (zeta == 0) t = 1;
                    double c = 1 / Math.sqrt(1 + t * t);
                    rotate(cols[p], cols[q], c, c * t);
                    rotate(vcols[p], vcols[q], c, c * t);
                }
            }
            if (!rotated) break;
        }
        double[] s = new double[n];
        double max = 0;
        for (int j = 0; j < n; j++) {
            s[j] = Math.sqrt(dot(cols[j], cols[j]));
            max = Math.max(max, s[j]);
        }
        boolean[] known = new boolean[n];
        for (int j = 0; j < n; j++) {
            if (s[j] > 1e-13 * max && s[j] > 0) {
                for (int i = 0; i < n; i++) cols[j][i] /= s[j];
                known[j] = true;
            }
        }
        complete(cols, known);
        double[] u = new double[Math.multiplyExact(n, n)];
        double[] v = new double[Math.multiplyExact(n, n)];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                u[i * n + j] = cols[j][i];
                v[i * n + j] = vcols[j][i];
            }
        }
        return new Svd(u, s, v, n);
    }

    /**
     * Fills the unknown columns with unit vectors orthogonal to all others (Gram–Schmidt on the
     * standard basis vector that keeps the largest part, at least √(free/n) of it).
     */
    private static void complete(double[][] cols, boolean[] known) {
        int n = cols.length;
        for (int j = 0; j < n; j++) {
            if (known[j]) continue;
            double[] best = null;
            double bestNorm = -1;
            for (int e = 0; e < n; e++) {
                double[] x = new double[n];
                x[e] = 1;
                for (int k = 0; k < n; k++) {
                    if (!known[k]) continue;
                    double d = dot(x, cols[k]);
                    for (int i = 0; i < n; i++) x[i] -= d * cols[k][i];
                }
                double norm = Math.sqrt(dot(x, x));
                if (norm > bestNorm) {
                    bestNorm = norm;
                    best = x;
                }
            }
            for (int i = 0; i < n; i++) cols[j][i] = best[i] / bestNorm;
            known[j] = true;
        }
    }

    private static void rotate(double[] x, double[] y, double c, double s) {
        for (int i = 0; i < x.length; i++) {
            double a = x[i];
            double b = y[i];
            x[i] = c * a - s * b;
            y[i] = s * a + c * b;
        }
    }

    static double dot(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) s += x[i] * y[i];
        return s;
    }
}
