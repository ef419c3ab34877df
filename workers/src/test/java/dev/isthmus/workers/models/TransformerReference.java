package dev.isthmus.workers.models;

import dev.isthmus.workers.io.HostTensor;
import java.util.Map;

/**
 * The transformer of the PyTorch snippet in docs/architectures.md written out in plain float64
 * loops, one example at a time, over the full sequence: the independent reference {@link
 * Transformer} is checked against (it computes the last block at the last position only).
 */
final class TransformerReference {
    private final Transformer t;
    private final Map<String, HostTensor> p;

    TransformerReference(Transformer t, Map<String, HostTensor> params) {
        this.t = t;
        this.p = params;
    }

    /** Logits for the pair (a, b). */
    double[] logits(int a, int b) {
        int d = t.dModel();
        int[] tokens = {a, b, t.modulus()};
        double[][] h = new double[3][d];
        float[] e = f(TransformerNames.EMBED);
        float[] pos = f(TransformerNames.POS_EMBED);
        for (int s = 0; s < 3; s++) {
            for (int i = 0; i < d; i++) h[s][i] = e[tokens[s] * d + i] + pos[s * d + i];
        }
        for (int l = 0; l < t.layers(); l++) {
            String b0 = TransformerNames.block(l);
            double[][] x = new double[3][];
            for (int s = 0; s < 3; s++) x[s] = norm(h[s], b0 + "ln1");
            double[][] q = new double[3][];
            double[][] k = new double[3][];
            double[][] v = new double[3][];
            for (int s = 0; s < 3; s++) {
                q[s] = linear(x[s], b0 + "attn.q");
                k[s] = linear(x[s], b0 + "attn.k");
                v[s] = linear(x[s], b0 + "attn.v");
            }
            int dh = t.dHead();
            for (int s = 0; s < 3; s++) {
                double[] z = new double[d];
                for (int head = 0; head < t.heads(); head++) {
                    double[] w = new double[s + 1];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int r = 0; r <= s; r++) {
                        for (int j = 0; j < dh; j++)
                            w[r] += q[s][head * dh + j] * k[r][head * dh + j];
                        w[r] /= Math.sqrt(dh);
                        max = Math.max(max, w[r]);
                    }
                    double sum = 0;
                    for (int r = 0; r <= s; r++) sum += w[r] = Math.exp(w[r] - max);
                    for (int r = 0; r <= s; r++) {
                        for (int j = 0; j < dh; j++)
                            z[head * dh + j] += w[r] / sum * v[r][head * dh + j];
                    }
                }
                double[] o = linear(z, b0 + "attn.o");
                for (int i = 0; i < d; i++) h[s][i] += o[i];
            }
            for (int s = 0; s < 3; s++) {
                double[] u = linear(norm(h[s], b0 + "ln2"), b0 + "mlp.fc1");
                for (int i = 0; i < u.length; i++) u[i] = Math.max(0, u[i]);
                double[] o = linear(u, b0 + "mlp.fc2");
                for (int i = 0; i < d; i++) h[s][i] += o[i];
            }
        }
        return linear(norm(h[2], TransformerNames.LN_F), TransformerNames.UNEMBED);
    }

    private double[] norm(double[] x, String prefix) {
        int d = x.length;
        float[] g = f(prefix + ".weight");
        float[] b = f(prefix + ".bias");
        double mean = 0;
        for (double v : x) mean += v;
        mean /= d;
        double var = 0;
        for (double v : x) var += (v - mean) * (v - mean);
        var /= d;
        double[] out = new double[d];
        for (int i = 0; i < d; i++) {
            out[i] = (x[i] - mean) / Math.sqrt(var + Transformer.LAYER_NORM_EPS) * g[i] + b[i];
        }
        return out;
    }

    private double[] linear(double[] x, String prefix) {
        float[] w = f(prefix + ".weight");
        float[] b = f(prefix + ".bias");
        double[] out = new double[b.length];
        for (int o = 0; o < b.length; o++) {
            double s = b[o];
            for (int i = 0; i < x.length; i++) s += w[o * x.length + i] * x[i];
            out[o] = s;
        }
        return out;
    }

    private float[] f(String name) {
        return p.get(name).toFloats();
    }
}
