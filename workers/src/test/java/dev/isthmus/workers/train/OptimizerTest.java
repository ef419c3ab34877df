package dev.isthmus.workers.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.isthmus.api.spec.TrainSpec;
import dev.isthmus.workers.engine.Autograd;
import dev.isthmus.workers.engine.Compute;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Optimizer steps match their torch.optim formulas, and gradients do not leak across steps. */
class OptimizerTest {
    private static final float[] P0 = {1f, -2f, 0.5f};
    private static final float[] C = {0.5f, -1f, 2f}; // gradient of sum(p * c)

    private static float[] twoSteps(TrainSpec recipe) {
        try (NDManager m = Compute.manager(Device.cpu(), 1)) {
            NDArray p = m.create(P0.clone());
            NDArray c = m.create(C);
            p.setRequiresGradient(true);
            Optimizer opt = Optimizer.create(recipe, List.of(p));
            float[][] out = new float[2][];
            for (int step = 0; step < 2; step++) {
                Autograd.backward(() -> p.mul(c).sum());
                opt.step(List.of(p));
                out[step] = p.toFloatArray();
            }
            return out[1];
        }
    }

    @Test
    void plainSgdTakesTwoEqualSteps() {
        float[] p = twoSteps(new TrainSpec(null, 1, "sgd", 0.1, 1, 0.0, 0.0));
        float[] expected = new float[3];
        for (int i = 0; i < 3; i++) expected[i] = P0[i] - 2 * 0.1f * C[i];
        assertArrayEquals(expected, p, 1e-6f);
    }

    @Test
    void sgdMomentumFollowsTorch() {
        float[] p = twoSteps(new TrainSpec(null, 1, "sgd", 0.1, 1, 0.9, 0.0));
        float[] expected = new float[3];
        for (int i = 0; i < 3; i++) expected[i] = P0[i] - 0.1f * C[i] - 0.1f * 1.9f * C[i];
        assertArrayEquals(expected, p, 1e-6f);
    }

    @Test
    void adamStepsAreLearningRateTimesSignForAConstantGradient() {
        float[] p = twoSteps(new TrainSpec(null, 1, "adam", 0.01, 1, null, 0.0));
        float[] expected = new float[3];
        for (int i = 0; i < 3; i++) expected[i] = P0[i] - 2 * 0.01f * Math.signum(C[i]);
        assertArrayEquals(expected, p, 1e-5f);
    }

    @Test
    void sgdWeightDecayAddsTheL2Gradient() {
        float[] p = twoSteps(new TrainSpec(null, 1, "sgd", 0.1, 1, 0.0, 0.5));
        float[] expected = P0.clone();
        for (int step = 0; step < 2; step++) {
            for (int i = 0; i < 3; i++) expected[i] -= 0.1f * (C[i] + 0.5f * expected[i]);
        }
        assertArrayEquals(expected, p, 1e-6f);
    }

    @Test
    void adamWeightDecayIsDecoupledAsInAdamW() {
        float[] p = twoSteps(new TrainSpec(null, 1, "adam", 0.01, 1, null, 0.5));
        float[] expected = P0.clone();
        for (int step = 0; step < 2; step++) {
            for (int i = 0; i < 3; i++) {
                expected[i] = expected[i] * (1 - 0.01f * 0.5f) - 0.01f * Math.signum(C[i]);
            }
        }
        assertArrayEquals(expected, p, 1e-5f);
    }
}
