package dev.isthmus.workers.paths;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import dev.isthmus.workers.data.Split;
import dev.isthmus.workers.engine.Compute;
import dev.isthmus.workers.models.Mlp;
import dev.isthmus.workers.models.Model;
import dev.isthmus.workers.models.Params;
import dev.isthmus.workers.models.ResNet;
import dev.isthmus.workers.models.ResNetFixtures;
import dev.isthmus.workers.train.Trainer;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@code reset} recomputes BatchNorm statistics exactly as PyTorch's {@code reset_bn_stats} does,
 * touches nothing else, and refuses networks without BatchNorm.
 */
class ResetBatchNormTest {
    private static final Split TRAIN = images(300, 3);

    @Test
    void refusesNetworksWithoutBatchNorm() {
        for (Model model :
                List.of(
                        new ResNet(1, 10, 8, 1, "layernorm"),
                        new ResNet(1, 10, 8, 1, "none"),
                        new Mlp(784, List.of(16), 10))) {
            try (NDManager m = Compute.manager(Device.cpu(), 1)) {
                var e =
                        assertThrows(
                                IllegalArgumentException.class,
                                () -> new ResetBatchNorm(m, model, TRAIN, 50, 3, 0));
                assertEquals(
                        "repair reset recomputes BatchNorm statistics, but "
                                + model.describe()
                                + " has none (use none or repair)",
                        e.getMessage());
            }
        }
    }

    @Test
    void statisticsBecomeTheAverageOverBatchesAndNothingElseChanges() {
        ResNet model = new ResNet(1, 10, 8, 1, "batchnorm");
        try (NDManager m = Compute.manager(Device.cpu(), 1)) {
            Params p = Params.upload(m, ResNetFixtures.jittered(model, 4));
            ResetBatchNorm reset = new ResetBatchNorm(m, model, TRAIN, 50, 3, 9);
            assertEquals(150, reset.examples());
            Params q = reset.apply(p, 0.5);

            p.arrays()
                    .forEach(
                            (name, a) -> {
                                if (!model.buffers().contains(name))
                                    assertSame(a, q.get(name), name);
                            });
            assertEquals(3f, q.get("layer3.0.bn1.num_batches_tracked").getFloat());

            // The stem's BatchNorm sees conv1 of the inputs: its statistics are the mean over the
            // three batches of each batch's channel means and unbiased channel variances.
            int[] order = Trainer.permutation(TRAIN.size(), new SplittableRandom(9));
            double[] mean = new double[16];
            double[] var = new double[16];
            for (int k = 0; k < 3; k++) {
                float[] x = new float[50 * 784];
                for (int i = 0; i < 50; i++) {
                    System.arraycopy(TRAIN.x(), order[k * 50 + i] * 784, x, i * 784, 784);
                }
                NDArray images = m.create(x, new Shape(50, 1, 28, 28));
                float[] h = // (50, 16, 28, 28)
                        Conv2d.conv2d(
                                        images,
                                        p.get("conv1.weight"),
                                        null,
                                        new Shape(1, 1),
                                        new Shape(1, 1))
                                .singletonOrThrow()
                                .toFloatArray();
                for (int c = 0; c < 16; c++) {
                    double s = 0;
                    double s2 = 0;
                    int n = 0;
                    for (int i = 0; i < 50; i++) {
                        for (int j = 0; j < 784; j++) {
                            double v = h[(i * 16 + c) * 784 + j];
                            s += v;
                            s2 += v * v;
                            n++;
                        }
                    }
                    double mu = s / n;
                    mean[c] += mu / 3;
                    var[c] += (s2 - n * mu * mu) / (n - 1) / 3;
                }
            }
            assertArrayEquals(toFloats(mean), q.get("bn1.running_mean").toFloatArray(), 2e-4f);
            assertArrayEquals(toFloats(var), q.get("bn1.running_var").toFloatArray(), 2e-3f);
            assertTrue(
                    q.get("bn1.running_var").sub(p.get("bn1.running_var")).abs().max().getFloat()
                            > 0.1);
        }
    }

    private static float[] toFloats(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) f[i] = (float) v[i];
        return f;
    }

    /** Random "images" (n, 784) in [0, 1) with random labels of 10 classes. */
    private static Split images(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = new float[n * 784];
        for (int i = 0; i < x.length; i++) x[i] = (float) rng.nextDouble();
        int[] y = new int[n];
        for (int i = 0; i < n; i++) y[i] = rng.nextInt(10);
        return new Split(x, y, n, 784);
    }
}
