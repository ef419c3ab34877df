package dev.isthmus.workers.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.LayerNorm;
import dev.isthmus.api.spec.Names;
import dev.isthmus.api.validation.BadInputException;
import dev.isthmus.workers.io.DType;
import dev.isthmus.workers.io.HostTensor;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;

/**
 * The normalization after each convolution of a {@link ResNet}, with the tensors of its PyTorch
 * module: {@code nn.BatchNorm2d(C)} ({@code weight}, {@code bias}, buffers {@code running_mean},
 * {@code running_var}, {@code num_batches_tracked}), {@code nn.GroupNorm(1, C)} for layernorm
 * (per-example statistics over (C, H, W), per-channel {@code weight} and {@code bias}), or none
 * (the convolutions then carry biases). Both use PyTorch's eps of 1e-5.
 */
enum Norm {
    BATCHNORM,
    LAYERNORM,
    NONE;

    static final float EPS = 1e-5f;
    static final String RUNNING_MEAN = "running_mean";
    static final String RUNNING_VAR = "running_var";
    static final String NUM_BATCHES_TRACKED = "num_batches_tracked";

    /** The normalization a spec's {@code model.normalization} names. */
    static Norm of(String name) {
        Names.Normalization word =
                name == null
                        ? Names.Normalization.BATCHNORM
                        : Names.parse(Names.Normalization.class, name)
                                .orElseThrow(
                                        () ->
                                                new BadInputException(
                                                        "spec.model.normalization: expected"
                                                                + " batchnorm, layernorm or none"
                                                                + " for resnet, got "
                                                                + name));
        return switch (word) {
            case BATCHNORM -> BATCHNORM;
            case LAYERNORM -> LAYERNORM;
            case NONE -> NONE;
        };
    }

    String specName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Adds this layer's tensor shapes for {@code channels} channels under {@code prefix}. */
    void shapes(String prefix, long channels, SortedMap<String, long[]> out) {
        if (this == NONE) return;
        out.put(prefix + "weight", new long[] {channels});
        out.put(prefix + "bias", new long[] {channels});
        if (this == BATCHNORM) {
            out.put(prefix + RUNNING_MEAN, new long[] {channels});
            out.put(prefix + RUNNING_VAR, new long[] {channels});
            out.put(prefix + NUM_BATCHES_TRACKED, new long[0]); // an int64 scalar
        }
    }

    /** PyTorch's initial values: weight 1, bias 0, running mean 0, running variance 1, count 0. */
    void initialise(String prefix, int channels, SortedMap<String, HostTensor> out) {
        if (this == NONE) return;
        out.put(prefix + "weight", filled(channels, 1f));
        out.put(prefix + "bias", filled(channels, 0f));
        if (this == BATCHNORM) {
            out.put(prefix + RUNNING_MEAN, filled(channels, 0f));
            out.put(prefix + RUNNING_VAR, filled(channels, 1f));
            out.put(
                    prefix + NUM_BATCHES_TRACKED,
                    new HostTensor(DType.I64, new long[0], new byte[8]));
        }
    }

    /** Every tensor of this layer follows the permutation of its channels; the count has none. */
    void axes(String prefix, String perm, SortedMap<String, List<String>> out) {
        if (this == NONE) return;
        List<String> channel = List.of(perm);
        out.put(prefix + "weight", channel);
        out.put(prefix + "bias", channel);
        if (this == BATCHNORM) {
            out.put(prefix + RUNNING_MEAN, channel);
            out.put(prefix + RUNNING_VAR, channel);
            out.put(prefix + NUM_BATCHES_TRACKED, List.of());
        }
    }

    /** Adds this layer's buffers (not trained) to {@code out}. */
    void buffers(String prefix, Set<String> out) {
        if (this == BATCHNORM) {
            out.addAll(
                    Arrays.asList(
                            prefix + RUNNING_MEAN,
                            prefix + RUNNING_VAR,
                            prefix + NUM_BATCHES_TRACKED));
        }
    }

    /**
     * Normalises {@code x} (n, C, H, W). BatchNorm uses its running statistics when {@code
     * momentum} is null (evaluation); otherwise batch statistics, and puts the updated running
     * statistics into {@code buffers} (copies: the inputs stay unchanged).
     */
    NDArray apply(
            Params p,
            String prefix,
            NDArray x,
            Double momentum,
            SortedMap<String, NDArray> buffers) {
        switch (this) {
            case NONE:
                return x;
            case LAYERNORM:
                {
                    Shape chw = x.getShape().slice(1); // (C, H, W)
                    long c = chw.get(0);
                    NDArray w = p.get(prefix + "weight").reshape(c, 1, 1).broadcast(chw);
                    NDArray b = p.get(prefix + "bias").reshape(c, 1, 1).broadcast(chw);
                    return LayerNorm.layerNorm(x, chw, w, b, EPS).singletonOrThrow();
                }
            default:
                break;
        }
        NDArray w = p.get(prefix + "weight"); // (C)
        NDArray b = p.get(prefix + "bias");
        NDArray mean = p.get(prefix + RUNNING_MEAN);
        NDArray var = p.get(prefix + RUNNING_VAR);
        // Axis -1 makes DJL call torch.batch_norm directly, whose channel axis is 1.
        if (momentum == null) {
            return BatchNorm.batchNorm(x, mean, var, w, b, -1, 0f, EPS, false).singletonOrThrow();
        }
        NDArray newMean = mean.duplicate();
        NDArray newVar = var.duplicate();
        // torch.batch_norm updates the copies in place with momentum; DJL passes 1 − its argument.
        float djlMomentum = (float) (1 - momentum);
        NDArray y =
                BatchNorm.batchNorm(x, newMean, newVar, w, b, -1, djlMomentum, EPS, true)
                        .singletonOrThrow();
        NDArray count = p.get(prefix + NUM_BATCHES_TRACKED);
        buffers.put(prefix + RUNNING_MEAN, newMean);
        buffers.put(prefix + RUNNING_VAR, newVar);
        buffers.put(prefix + NUM_BATCHES_TRACKED, count.add(count.onesLike()));
        return y;
    }

    private static HostTensor filled(int n, float value) {
        float[] v = new float[n];
        Arrays.fill(v, value);
        return HostTensor.ofFloats(new long[] {n}, v);
    }
}
