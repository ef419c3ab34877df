package dev.isthmus.workers.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import dev.isthmus.api.spec.TrainSpec;
import dev.isthmus.workers.data.Dataset;
import dev.isthmus.workers.data.SparseParity;
import dev.isthmus.workers.models.Mlp;
import dev.isthmus.workers.models.Params;
import dev.isthmus.workers.paths.PathEvaluator;
import dev.isthmus.workers.progress.Progress;
import dev.isthmus.workers.train.Trainer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Native arrays are never freed by the GC: training steps and path points must not pile them up.
 */
class NoLeakTest {
    private final Dataset data = SparseParity.generate(20, 3, 640, 300, 1);
    private final Mlp mlp = new Mlp(data.features(), List.of(32, 32), data.classes());

    @Test
    void trainingStepsLeaveNoArraysBehind() {
        try (NDManager m = Compute.manager(Device.cpu(), 1)) {
            LiveArrays live = new LiveArrays(m);
            Trainer.train(
                    m, mlp, data, new TrainSpec(null, 3, "adam", 1e-3, 64, null, 0.01), 0, live);
            assertEquals(30, live.counts.size()); // 3 epochs x 10 steps
            live.assertLevel();
            assertEquals(0, m.getManagedArrays().size());
        }
    }

    @Test
    void walkingAPathLeavesNoArraysBehind() {
        try (NDManager m = Compute.manager(Device.cpu(), 1);
                DeviceBatches batches = new DeviceBatches(m, data.eval(), 100)) {
            Params a = Params.upload(m, mlp.initialise(1));
            Params b = Params.upload(m, mlp.initialise(2));
            int before = m.getManagedArrays().size();
            PathEvaluator.linear(mlp, a, b, batches, 9, Progress.NONE);
            assertEquals(before, m.getManagedArrays().size());
        }
    }
}
