package dev.isthmus.workers.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * A product computed on a pool thread has the bits of the same product on the thread that loaded
 * the engine, once the pool thread is bound ({@link Compute#bindThread}). Unbound, a pool thread
 * splits oneMKL's products over one thread per core instead of the engine's count, and on an Intel
 * Xeon (2 cores) the bits of the (100, 784)·(8, 784)ᵀ training product differed (the others are the
 * gradient, evaluation, reduction and weight-matching shapes of a small sweep); the test prints
 * which differed here.
 */
class ThreadBindingTest {

    @Test
    void aBoundPoolThreadComputesTheBitsOfTheEngineThread() throws Exception {
        try (NDManager m = Compute.manager(Device.cpu(), 1)) {
            Compute.bindThread();
            byte[][] main = products(m);
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                Future<byte[][]> unbound = pool.submit(() -> products(m));
                byte[][] before = unbound.get();
                Future<byte[][]> bound =
                        pool.submit(
                                () -> {
                                    Compute.bindThread();
                                    return products(m);
                                });
                byte[][] after = bound.get();
                int differed = 0;
                for (int i = 0; i < main.length; i++) {
                    if (!java.util.Arrays.equals(main[i], before[i])) {
                        differed++;
                        System.out.println("ThreadBindingTest: product " + i + " differed");
                    }
                    assertArrayEquals(
                            main[i], after[i], "product " + i + " on a bound pool thread");
                }
                System.out.printf(
                        "ThreadBindingTest: %d of %d products differed on an unbound pool thread%n",
                        differed, main.length);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /** The raw bytes of a few products of fixed random operands. */
    private static byte[][] products(NDManager parent) {
        try (NDManager m = parent.newSubManager()) {
            SplittableRandom rng = new SplittableRandom(7);
            NDArray delta = HostArrays.of(m, floats(rng, 100 * 8), new Shape(100, 8));
            NDArray x = HostArrays.of(m, floats(rng, 100 * 784), new Shape(100, 784));
            NDArray eval = HostArrays.of(m, floats(rng, 1000 * 784), new Shape(1000, 784));
            NDArray w = HostArrays.of(m, floats(rng, 512 * 784), new Shape(512, 784));
            NDArray w8 = HostArrays.of(m, floats(rng, 8 * 784), new Shape(8, 784));
            NDArray eval500 = HostArrays.of(m, floats(rng, 500 * 784), new Shape(500, 784));
            NDArray wa = HostArrays.of(m, doubles(rng, 512 * 784), new Shape(512, 784));
            NDArray wb = HostArrays.of(m, doubles(rng, 512 * 784), new Shape(512, 784));
            NDArray[] out = {
                delta.transpose().matMul(x),
                eval.matMul(w.transpose()),
                wa.matMul(wb.transpose()),
                x.matMul(w8.transpose()),
                eval500.matMul(w8.transpose()),
                eval.matMul(w8.transpose()),
                eval.sum(new int[] {0}),
                eval.logSoftmax(1)
            };
            byte[][] bytes = new byte[out.length][];
            for (int i = 0; i < out.length; i++) {
                ByteBuffer b = out[i].toByteBuffer();
                bytes[i] = new byte[b.remaining()];
                b.get(bytes[i]);
            }
            return bytes;
        }
    }

    private static float[] floats(SplittableRandom rng, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) rng.nextGaussian();
        return a;
    }

    private static double[] doubles(SplittableRandom rng, int n) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) a[i] = rng.nextGaussian();
        return a;
    }
}
