package dev.isthmus.workers.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import dev.isthmus.api.spec.TrainSpec;
import dev.isthmus.workers.data.Dataset;
import dev.isthmus.workers.data.Split;
import dev.isthmus.workers.models.Params;
import dev.isthmus.workers.models.ResNet;
import dev.isthmus.workers.paths.LinearPath;
import dev.isthmus.workers.paths.PathEvaluator;
import dev.isthmus.workers.paths.ResetBatchNorm;
import dev.isthmus.workers.progress.Progress;
import dev.isthmus.workers.train.Trainer;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A ResNet frees what it allocates: per training step (BatchNorm buffers written in place), per
 * path point with reset statistics, and per activation collection.
 */
class ResNetNoLeakTest {
    private final Dataset data = new Dataset("noise", images(256), images(100), 784, 10, "noise");
    private final ResNet model = new ResNet(1, 10, 8, 1, "batchnorm");

    @Test
    void trainingStepsLeaveNoArraysBehind() {
        try (NDManager m = Compute.manager(Device.cpu(), 1)) {
            LiveArrays live = new LiveArrays(m);
            Trainer.train(
                    m, model, data, new TrainSpec(null, 2, "adam", 1e-3, 64, null, 0.0), 0, live);
            assertEquals(8, live.counts.size()); // 2 epochs x 4 steps
            live.assertLevel();
            assertEquals(0, m.getManagedArrays().size());
        }
    }

    @Test
    void pathPointsWithResetStatisticsAndActivationsLeaveNoArraysBehind() {
        try (NDManager m = Compute.manager(Device.cpu(), 1);
                DeviceBatches batches = new DeviceBatches(m, data.eval(), 50)) {
            Params a = Params.upload(m, model.initialise(1));
            Params b = Params.upload(m, model.initialise(2));
            ResetBatchNorm reset = new ResetBatchNorm(m, model, data.train(), 64, 3, 0);
            int before = m.getManagedArrays().size();
            PathEvaluator.walk(
                    model,
                    reset.on(alpha -> LinearPath.at(a, b, alpha)),
                    "reset",
                    batches,
                    3,
                    Progress.NONE,
                    null);
            assertEquals(before, m.getManagedArrays().size());
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                model.activations(a, batches.batches().get(0).x());
            }
            assertEquals(before, m.getManagedArrays().size());
        }
    }

    private static Split images(int n) {
        SplittableRandom rng = new SplittableRandom(n);
        float[] x = new float[n * 784];
        for (int i = 0; i < x.length; i++) x[i] = (float) rng.nextDouble();
        int[] y = new int[n];
        for (int i = 0; i < n; i++) y[i] = rng.nextInt(10);
        return new Split(x, y, n, 784);
    }
}
