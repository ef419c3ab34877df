package dev.isthmus.workers.align;

import dev.isthmus.api.validation.BadInputException;
import dev.isthmus.workers.io.HostTensor;
import dev.isthmus.workers.models.ResidualStream;
import java.util.Arrays;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Moves a pre-LayerNorm network between its own parametrisation and the canonical form in which the
 * residual stream admits orthogonal maps ({@link ResidualStream}; SliceGPT, Ashkboos et al. 2024,
 * §3). Both directions leave the function unchanged exactly (up to float32 rounding):
 *
 * <ul>
 *   <li>{@link #canonical}: each LayerNorm's scale γ and shift β move into the linear maps reading
 *       it (W ← W·diag(γ), b ← b + W·β), which then lose their component along 1 (W ← W·C with C =
 *       I − 11ᵀ/d: a LayerNorm's output has zero mean); the LayerNorm keeps γ = 1, β = 0; every
 *       write to the stream is centred (w ← C·w: every reader centres first).
 *   <li>{@link #inGaugeOf}: the inverse map of a template network T, applied to any canonical
 *       parameters: LayerNorms get T's γ and β, readers W ← (W + (W_T·γ_T)·1ᵀ/d)·diag(1/γ_T) and b
 *       ← b − W·β_T, writers get back T's means. It is affine and sends canonical(T) to T, so the
 *       straight line from T to inGaugeOf(x, T) is, point by point, the same function as the
 *       straight line from canonical(T) to x.
 * </ul>
 */
public final class LayerNormFolding {
    private LayerNormFolding() {}

    /** The canonical form of {@code params}. */
    public static SortedMap<String, HostTensor> canonical(
            ResidualStream stream, Map<String, HostTensor> params) {
        int d = stream.width();
        SortedMap<String, HostTensor> out = new TreeMap<>(params);
        for (ResidualStream.Norm norm : stream.norms()) {
            float[] gamma = vector(params, norm.weight(), d);
            float[] beta = vector(params, norm.bias(), d);
            for (ResidualStream.Linear r : norm.readers()) {
                float[] w = reader(params, r.weight(), d);
                float[] b = params.get(r.bias()).toFloats();
                int rows = w.length / d;
                double[] folded = new double[w.length]; // (out, d)
                float[] bias = new float[rows];
                for (int o = 0; o < rows; o++) {
                    double shift = b[o];
                    double mean = 0;
                    for (int i = 0; i < d; i++) {
                        shift += (double) w[o * d + i] * beta[i];
                        folded[o * d + i] = (double) w[o * d + i] * gamma[i];
                        mean += folded[o * d + i];
                    }
                    mean /= d;
                    for (int i = 0; i < d; i++) folded[o * d + i] -= mean;
                    bias[o] = (float) shift;
                }
                out.put(r.weight(), floats(params.get(r.weight()).shape(), folded));
                out.put(r.bias(), HostTensor.ofFloats(params.get(r.bias()).shape(), bias));
            }
            float[] ones = new float[d];
            Arrays.fill(ones, 1f);
            out.put(norm.weight(), HostTensor.ofFloats(new long[] {d}, ones));
            out.put(norm.bias(), HostTensor.ofFloats(new long[] {d}, new float[d]));
        }
        for (ResidualStream.Writer w : stream.writers()) {
            HostTensor t = params.get(w.param());
            out.put(w.param(), AxisMatrix.of(t, w.axis()).centred().toTensor(t.shape(), w.axis()));
        }
        return out;
    }

    /** Canonical parameters {@code x} rewritten in the parametrisation of {@code template}. */
    public static SortedMap<String, HostTensor> inGaugeOf(
            ResidualStream stream, Map<String, HostTensor> x, Map<String, HostTensor> template) {
        int d = stream.width();
        SortedMap<String, HostTensor> out = new TreeMap<>(x);
        for (ResidualStream.Norm norm : stream.norms()) {
            float[] gamma = vector(template, norm.weight(), d);
            float[] beta = vector(template, norm.bias(), d);
            for (int i = 0; i < d; i++) {
                if (!(Math.abs(gamma[i]) > 0)) {
                    throw new BadInputException(
                            norm.weight()
                                    + "["
                                    + i
                                    + "] is "
                                    + gamma[i]
                                    + " in the reference network: its LayerNorm cannot be"
                                    + " unfolded");
                }
            }
            for (ResidualStream.Linear r : norm.readers()) {
                float[] wt = reader(template, r.weight(), d);
                float[] wx = reader(x, r.weight(), d);
                float[] bx = x.get(r.bias()).toFloats();
                int rows = wx.length / d;
                double[] w = new double[wx.length]; // (out, d)
                float[] bias = new float[rows];
                for (int o = 0; o < rows; o++) {
                    double u = 0; // (W_T·γ_T)[o]
                    for (int i = 0; i < d; i++) u += (double) wt[o * d + i] * gamma[i];
                    double shift = bx[o];
                    for (int i = 0; i < d; i++) {
                        w[o * d + i] = (wx[o * d + i] + u / d) / gamma[i];
                        shift -= w[o * d + i] * beta[i];
                    }
                    bias[o] = (float) shift;
                }
                out.put(r.weight(), floats(x.get(r.weight()).shape(), w));
                out.put(r.bias(), HostTensor.ofFloats(x.get(r.bias()).shape(), bias));
            }
            out.put(norm.weight(), template.get(norm.weight()));
            out.put(norm.bias(), template.get(norm.bias()));
        }
        for (ResidualStream.Writer w : stream.writers()) {
            HostTensor t = x.get(w.param());
            AxisMatrix m = AxisMatrix.of(t, w.axis());
            double[] means = AxisMatrix.of(template.get(w.param()), w.axis()).columnMeans();
            double[] data = m.data().clone();
            for (int i = 0; i < m.rows(); i++) {
                for (int j = 0; j < m.cols(); j++) data[i * m.cols() + j] += means[j];
            }
            out.put(
                    w.param(),
                    new AxisMatrix(m.rows(), m.cols(), data).toTensor(t.shape(), w.axis()));
        }
        return out;
    }

    private static float[] vector(Map<String, HostTensor> params, String name, int d) {
        HostTensor t = params.get(name);
        if (t == null || t.shape().length != 1 || t.shape()[0] != d) {
            throw new BadInputException(
                    name
                            + ": expected a LayerNorm parameter of shape ["
                            + d
                            + "], got "
                            + (t == null ? "no such tensor" : t.shapeString()));
        }
        return t.toFloats();
    }

    private static float[] reader(Map<String, HostTensor> params, String name, int d) {
        HostTensor t = params.get(name);
        if (t == null || t.shape().length != 2 || t.shape()[1] != d) {
            throw new BadInputException(
                    name
                            + ": expected a weight of shape [out, "
                            + d
                            + "] reading the residual stream, got "
                            + (t == null ? "no such tensor" : t.shapeString()));
        }
        return t.toFloats();
    }

    private static HostTensor floats(long[] shape, double[] values) {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) f[i] = (float) values[i];
        return HostTensor.ofFloats(shape, f);
    }
}
