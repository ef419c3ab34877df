package dev.isthmus.workers.models;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.isthmus.workers.engine.Compute;
import dev.isthmus.workers.io.HostTensor;
import java.util.Map;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;

/** Small transformers with non-trivial LayerNorms, and their logits on every pair (a, b). */
public final class TransformerFixtures {
    private TransformerFixtures() {}

    /** p = 11, 2 blocks, d_model 16, 4 heads of 4, d_mlp 24. */
    public static Transformer small() {
        return new Transformer(11, 2, 16, 4, 24);
    }

    /**
     * PyTorch-style initial weights with every LayerNorm scale drawn from [0.5, 1.5] and shift from
     * [−0.3, 0.3], and embeddings shrunk, so that folding and attention are not trivial.
     */
    public static SortedMap<String, HostTensor> params(Transformer t, long seed) {
        SortedMap<String, HostTensor> p = new TreeMap<>(t.initialise(seed));
        SplittableRandom rng = new SplittableRandom(seed ^ 0x5DEECE66DL);
        p.replaceAll(
                (name, x) -> {
                    float[] v = x.toFloats();
                    boolean norm = name.contains("ln");
                    for (int i = 0; i < v.length; i++) {
                        if (norm && name.endsWith(".weight"))
                            v[i] = (float) (0.5 + rng.nextDouble());
                        else if (norm) v[i] = (float) (0.6 * rng.nextDouble() - 0.3);
                        else if (name.contains("embed.weight")) v[i] *= 0.5f;
                        else v[i] *= 2f; // sharper attention and larger logits
                    }
                    return HostTensor.ofFloats(x.shape(), v);
                });
        return p;
    }

    /** Every pair (a, b) as one-hot(a) ++ one-hot(b): (p², 2p), row a·p + b. */
    public static float[] allPairs(int p) {
        float[] x = new float[p * p * 2 * p];
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < p; b++) {
                int row = (a * p + b) * 2 * p;
                x[row + a] = 1;
                x[row + p + b] = 1;
            }
        }
        return x;
    }

    /** Logits on every pair, (p², p) row-major. */
    public static float[] logits(Model model, Map<String, HostTensor> params, int p) {
        try (NDManager m = Compute.manager(Device.cpu(), 1)) {
            NDArray x = m.create(allPairs(p), new Shape((long) p * p, 2L * p));
            return model.forward(Params.upload(m, params), x).toFloatArray();
        }
    }

    /** The largest |x − y| relative to the largest |x|. */
    public static double relativeError(float[] x, float[] y) {
        double err = 0;
        double scale = 0;
        for (int i = 0; i < x.length; i++) {
            err = Math.max(err, Math.abs(x[i] - y[i]));
            scale = Math.max(scale, Math.abs(x[i]));
        }
        return err / scale;
    }
}
