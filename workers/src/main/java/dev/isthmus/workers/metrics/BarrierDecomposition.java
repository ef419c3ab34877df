package dev.isthmus.workers.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The exact per-example decomposition of the linear-path loss gap into logit terms (Bae 2026, "LMC
 * barriers are logit linearization gaps"). With logits z_A, z_B, z_γ = z(γ(α)), z_lin = (1−α)z_A +
 * αz_B and LSE = log-sum-exp, per example: E = z_γ − z_lin, D = LSE(z_γ) − LSE(z_lin), J =
 * (1−α)LSE(z_A) + αLSE(z_B) − LSE(z_lin) ≥ 0 (convexity), and the gap ℓ(γ) − (1−α)ℓ_A − αℓ_B = D −
 * J − E_y exactly. Everything is accumulated in float64 from the network's float32 logits, so the
 * identity's residual is rounding only (~1e-15); convexity of LSE also bounds ⟨softmax(z_lin), E⟩ ≤
 * D ≤ ⟨softmax(z_γ), E⟩, and violations are counted.
 */
public final class BarrierDecomposition {
    static final double[] TOP_SHARES = {0.10, 0.35, 0.50};
    static final int DOMINATING = 20;
    private static final double BOUND_SLACK = 1e-12;

    private final double[] alphas;
    private final int[] labels;
    private final int classes;
    private final float[] za;
    private final float[] zb;
    private final double[][] gap;
    private final double[][] d;
    private final double[][] j;
    private final double[][] ey;
    private final double[] maxAbsE;
    private final double[] residual;
    private final int[] violations;

    /**
     * @param labels the evaluation labels, in batch order
     * @param logitsA A's logits, (examples, classes) row-major
     * @param logitsB B's logits (of the aligned B), same layout
     */
    public BarrierDecomposition(
            double[] alphas, int[] labels, int classes, float[] logitsA, float[] logitsB) {
        this.alphas = alphas;
        this.labels = labels;
        this.classes = classes;
        this.za = logitsA;
        this.zb = logitsB;
        int n = labels.length;
        gap = new double[alphas.length][n];
        d = new double[alphas.length][n];
        j = new double[alphas.length][n];
        ey = new double[alphas.length][n];
        maxAbsE = new double[alphas.length];
        residual = new double[alphas.length];
        violations = new int[alphas.length];
    }

    /** Takes the logits at alpha index {@code a} of examples {@code [offset, offset + rows)}. */
    public synchronized void accept(int a, int offset, float[] logitsGamma) {
        double alpha = alphas[a];
        int k = classes;
        int rows = logitsGamma.length / k;
        double[] lin = new double[k];
        double[] g = new double[k];
        for (int r = 0; r < rows; r++) {
            int i = offset + r;
            int base = i * k;
            for (int c = 0; c < k; c++) {
                lin[c] = (1 - alpha) * za[base + c] + alpha * zb[base + c];
                g[c] = logitsGamma[r * k + c];
            }
            double lseG = lse(g);
            double lseLin = lse(lin);
            double lseA = lse(za, base, k);
            double lseB = lse(zb, base, k);
            int y = labels[i];
            double lossG = lseG - g[y];
            double lossA = lseA - za[base + y];
            double lossB = lseB - zb[base + y];
            double gi = lossG - (1 - alpha) * lossA - alpha * lossB;
            double di = lseG - lseLin;
            double ji = (1 - alpha) * lseA + alpha * lseB - lseLin;
            double eyi = g[y] - lin[y];
            double lower = 0;
            double upper = 0;
            for (int c = 0; c < k; c++) {
                double e = g[c] - lin[c];
                maxAbsE[a] = Math.max(maxAbsE[a], Math.abs(e));
                lower += Math.exp(lin[c] - lseLin) * e;
                upper += Math.exp(g[c] - lseG) * e;
            }
            if (di < lower - BOUND_SLACK || di > upper + BOUND_SLACK) violations[a]++;
            gap[a][i] = gi;
            d[a][i] = di;
            j[a][i] = ji;
            ey[a][i] = eyi;
            residual[a] = Math.max(residual[a], Math.abs(gi - (di - ji - eyi)));
        }
    }

    static double lse(double[] z) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : z) m = Math.max(m, x);
        double s = 0;
        for (double x : z) s += Math.exp(x - m);
        return m + Math.log(s);
    }

    private static double lse(float[] z, int base, int k) {
        double m = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) m = Math.max(m, z[base + c]);
        double s = 0;
        for (int c = 0; c < k; c++) s += Math.exp(z[base + c] - m);
        return m + Math.log(s);
    }

    /** Per-alpha means and checks, and the attribution at the alpha of the largest mean gap. */
    public Decomposition result() {
        int points = alphas.length;
        double[] meanGap = new double[points];
        double[] meanD = new double[points];
        double[] meanJ = new double[points];
        double[] meanEy = new double[points];
        int star = 0;
        for (int a = 0; a < points; a++) {
            meanGap[a] = mean(gap[a]);
            meanD[a] = mean(d[a]);
            meanJ[a] = mean(j[a]);
            meanEy[a] = mean(ey[a]);
            if (meanGap[a] > meanGap[star]) star = a;
        }
        double maxResidual = Arrays.stream(residual).max().orElse(0);
        return new Decomposition(
                alphas.clone(),
                meanGap,
                meanD,
                meanJ,
                meanEy,
                maxAbsE.clone(),
                residual.clone(),
                maxResidual,
                violations.clone(),
                attribution(star));
    }

    private Decomposition.Attribution attribution(int a) {
        double[] g = gap[a];
        int n = g.length;
        double total = 0;
        for (double x : g) total += x;
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(
                order, Comparator.comparingDouble((Integer i) -> -g[i]).thenComparingInt(i -> i));
        Map<String, Double> shares = new LinkedHashMap<>();
        for (double q : total > 0 ? TOP_SHARES : new double[0]) { // no barrier: nothing to share
            int count = (int) Math.ceil(q * n);
            double s = 0;
            for (int r = 0; r < count; r++) s += g[order[r]];
            shares.put("top" + Math.round(q * 100), s / total);
        }
        double[] perClass = new double[classes];
        for (int i = 0; i < n; i++) perClass[labels[i]] += g[i] / n;
        List<Integer> dominating = new ArrayList<>();
        for (int r = 0; r < Math.min(DOMINATING, n); r++) dominating.add(order[r]);
        return new Decomposition.Attribution(alphas[a], total / n, shares, perClass, dominating);
    }

    /** One row per example at the attribution alpha: index,label,gap,D,J,E_y. */
    public String examplesCsv(double alpha) {
        int a = 0;
        for (int i = 0; i < alphas.length; i++) if (alphas[i] == alpha) a = i;
        StringBuilder sb = new StringBuilder("index,label,gap,D,J,E_y\n");
        for (int i = 0; i < labels.length; i++) {
            sb.append(i)
                    .append(',')
                    .append(labels[i])
                    .append(',')
                    .append(gap[a][i])
                    .append(',')
                    .append(d[a][i])
                    .append(',')
                    .append(j[a][i])
                    .append(',')
                    .append(ey[a][i])
                    .append('\n');
        }
        return sb.toString();
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return s / v.length;
    }
}
