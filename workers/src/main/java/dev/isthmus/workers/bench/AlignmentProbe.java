package dev.isthmus.workers.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.isthmus.workers.engine.HostArrays;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Does this machine's engine give other bits for the same matmul when an operand starts at another
 * byte offset? For the products the models and weight matching compute, each operand pair is
 * uploaded at every offset in [0, 64) (one element apart) and the bit patterns of X·Wᵀ are
 * compared: the pattern names each distinct result by a letter, and the period is the number of
 * bytes after which results repeat (16 on a 2-core AMD EPYC with AVX2: malloc's 16-byte alignment
 * hid the dependence there; an AVX-512 machine showed it). Isthmus uploads at offset 0 only ({@link
 * HostArrays}); before it did, the offset was wherever malloc put the JVM's buffer (a multiple of
 * 16).
 */
public final class AlignmentProbe {
    private AlignmentProbe() {}

    /** (rows, inner, out) of X (rows, inner) · W (out, inner)ᵀ, and whether in float64. */
    record Product(String what, int rows, int inner, int out, boolean float64) {}

    static final List<Product> PRODUCTS =
            List.of(
                    new Product("mlp first layer, evaluation batch", 1000, 784, 512, false),
                    new Product("mlp last layer, evaluation batch", 1000, 512, 10, false),
                    new Product("mlp first layer, training batch", 128, 784, 512, false),
                    new Product("mlp last layer, training batch", 128, 512, 10, false),
                    new Product("weight matching cost matrix (float64)", 512, 784, 512, true));

    public static Map<String, Object> run(NDManager manager) {
        List<Map<String, Object>> rows = new ArrayList<>();
        SplittableRandom rng = new SplittableRandom(11);
        for (Product p : PRODUCTS) {
            double[] x = gaussian(rng, p.rows() * p.inner());
            double[] w = gaussian(rng, p.out() * p.inner());
            int step = p.float64() ? Double.BYTES : Float.BYTES;
            List<byte[]> results = new ArrayList<>();
            for (int offset = 0; offset < HostArrays.ALIGNMENT; offset += step) {
                try (NDManager m = manager.newSubManager()) {
                    NDArray xa = upload(m, x, new Shape(p.rows(), p.inner()), offset, p.float64());
                    NDArray wa = upload(m, w, new Shape(p.out(), p.inner()), offset, p.float64());
                    results.add(xa.matMul(wa.transpose()).toByteArray());
                }
            }
            String pattern = pattern(results);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("product", p.what());
            row.put(
                    "shape",
                    p.rows() + "x" + p.inner() + " · (" + p.out() + "x" + p.inner() + ")ᵀ");
            row.put("offsetStepBytes", step);
            row.put("pattern", pattern);
            long distinct = pattern.chars().distinct().count();
            row.put("distinctResults", distinct);
            row.put("dependsOnOffset", distinct > 1);
            if (distinct > 1) row.put("periodBytes", period(results) * step);
            rows.add(row);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("benchmark", "alignment");
        out.put("products", rows);
        return out;
    }

    private static NDArray upload(NDManager m, double[] v, Shape s, int offset, boolean float64) {
        if (float64) return HostArrays.misaligned(m, v, s, offset);
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) f[i] = (float) v[i];
        return HostArrays.misaligned(m, f, s, offset);
    }

    private static double[] gaussian(SplittableRandom rng, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            // Box–Muller: SplittableRandom has no nextGaussian on Java 17.
            v[i] =
                    Math.sqrt(-2 * Math.log(1 - rng.nextDouble()))
                            * Math.cos(2 * Math.PI * rng.nextDouble());
        }
        return v;
    }

    /** One letter per offset: A for the result at offset 0, B for the next new one, … */
    static String pattern(List<byte[]> results) {
        List<byte[]> seen = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        for (byte[] r : results) {
            int i = 0;
            while (i < seen.size() && !Arrays.equals(seen.get(i), r)) i++;
            if (i == seen.size()) seen.add(r);
            sb.append((char) ('A' + i));
        }
        return sb.toString();
    }

    /** The smallest p such that result i equals result i mod p for every i. */
    static int period(List<byte[]> results) {
        for (int p = 1; p < results.size(); p++) {
            boolean ok = true;
            for (int i = p; i < results.size() && ok; i++) {
                ok = Arrays.equals(results.get(i), results.get(i % p));
            }
            if (ok) return p;
        }
        return results.size();
    }
}
