package dev.isthmus.workers.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import dev.isthmus.api.spec.TrainSpec;
import dev.isthmus.workers.data.Dataset;
import dev.isthmus.workers.data.ModularAddition;
import dev.isthmus.workers.models.Transformer;
import dev.isthmus.workers.progress.Progress;
import dev.isthmus.workers.train.Trainer;
import org.junit.jupiter.api.Test;

/**
 * The transformer's forward pass creates constants (tokens, mask, scale) in every step: they must
 * die with the step, and training with them must be reproducible (no freed scalar under autograd).
 */
class TransformerNoLeakTest {
    private final Dataset data = ModularAddition.generate(13, 0.5, 0);
    private final Transformer t = new Transformer(13, 2, 16, 2, 32);
    private final TrainSpec recipe = new TrainSpec(null, 3, "adam", 3e-3, 17, null, 0.1);

    @Test
    void trainingStepsLeaveNoArraysBehindAndRepeatExactly() {
        try (NDManager m = Compute.manager(Device.cpu(), 1)) {
            LiveArrays live = new LiveArrays(m);
            Trainer.Result first = Trainer.train(m, t, data, recipe, 0, live);
            assertEquals(
                    15, live.counts.size()); // 3 epochs x 5 steps of 17 of the 84 training pairs
            live.assertLevel();
            assertEquals(0, m.getManagedArrays().size());
            System.gc();
            Trainer.Result second = Trainer.train(m, t, data, recipe, 0, Progress.NONE);
            assertEquals(first.params(), second.params());
            assertTrue(
                    first.history().get(2).trainLoss() < first.history().get(0).trainLoss(),
                    first.history().toString());
        }
    }
}
