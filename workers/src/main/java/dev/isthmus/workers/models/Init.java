package dev.isthmus.workers.models;

import dev.isthmus.workers.io.HostTensor;
import java.util.SplittableRandom;

/** Seeded initial values as PyTorch's {@code torch.nn.init} draws them, on the host. */
final class Init {
    private Init() {}

    /** Fan-in of a weight (out, in, ...): the product of every axis but the first. */
    static long fanIn(long[] shape) {
        long f = 1;
        for (int d = 1; d < shape.length; d++) f *= shape[d];
        return f;
    }

    /** N(0, std²) values: {@code kaiming_normal_} with std √(2 / fan_in). */
    static HostTensor normal(SplittableRandom rng, long[] shape, double std) {
        float[] v = new float[numel(shape)];
        for (int i = 0; i < v.length; i++) v[i] = (float) (rng.nextGaussian() * std);
        return HostTensor.ofFloats(shape, v);
    }

    /** U(−bound, bound) values. */
    static HostTensor uniform(SplittableRandom rng, long[] shape, double bound) {
        float[] v = new float[numel(shape)];
        for (int i = 0; i < v.length; i++) v[i] = (float) ((rng.nextDouble() * 2 - 1) * bound);
        return HostTensor.ofFloats(shape, v);
    }

    private static int numel(long[] shape) {
        long n = 1;
        for (long d : shape) n *= d;
        return Math.toIntExact(n);
    }
}
