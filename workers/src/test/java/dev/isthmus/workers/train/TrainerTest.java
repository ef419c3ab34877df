package dev.isthmus.workers.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import dev.isthmus.api.spec.TrainSpec;
import dev.isthmus.workers.data.Dataset;
import dev.isthmus.workers.data.ModularAddition;
import dev.isthmus.workers.engine.Compute;
import dev.isthmus.workers.models.Mlp;
import dev.isthmus.workers.progress.Progress;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainerTest {
    private static final TrainSpec RECIPE = new TrainSpec(null, 20, "adam", 1e-2, 64, null, 0.0);

    private static Trainer.Result train(Dataset data, long seed) {
        Mlp mlp = new Mlp(data.features(), List.of(64), data.classes());
        try (NDManager m = Compute.manager(Device.cpu(), 1)) {
            return Trainer.train(m, mlp, data, RECIPE, seed, Progress.NONE);
        }
    }

    @Test
    void sameSeedGivesIdenticalWeightsAndOtherSeedsDiffer() {
        Dataset data = ModularAddition.generate(23, 0.6, 0);
        Trainer.Result a = train(data, 4);
        Trainer.Result b = train(data, 4);
        Trainer.Result c = train(data, 5);
        assertEquals(a.params(), b.params());
        assertEquals(a.history().get(19).trainLoss(), b.history().get(19).trainLoss());
        assertNotEquals(a.params(), c.params());
    }

    @Test
    void trainingLowersTheLossAndRecordsEveryEpoch() {
        Trainer.Result r = train(ModularAddition.generate(23, 0.6, 0), 1);
        assertEquals(20, r.history().size());
        assertEquals(20, r.history().get(19).epoch());
        assertTrue(
                r.history().get(19).trainLoss() < r.history().get(0).trainLoss() * 0.7,
                r.history().toString());
        assertTrue(r.history().get(0).trainLoss() < Math.log(23) + 0.5);
    }

    @Test
    void divergenceStopsAtTheFirstNonFiniteLoss() {
        Dataset data = ModularAddition.generate(23, 0.6, 0);
        Mlp mlp = new Mlp(data.features(), List.of(64), data.classes());
        TrainSpec explosive = new TrainSpec(null, 5, "sgd", 1e12, 64, 0.9, 0.0);
        try (NDManager m = Compute.manager(Device.cpu(), 1)) {
            var e =
                    assertThrows(
                            TrainingDivergedException.class,
                            () -> Trainer.train(m, mlp, data, explosive, 0, Progress.NONE));
            assertTrue(
                    e.getMessage().startsWith("training diverged at epoch 1, step "),
                    e.getMessage());
            assertTrue(e.getMessage().endsWith("lower spec.endpoints.train.learningRate"));
        }
    }
}
