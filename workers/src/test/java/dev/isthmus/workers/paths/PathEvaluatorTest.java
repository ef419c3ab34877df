package dev.isthmus.workers.paths;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import dev.isthmus.workers.data.Dataset;
import dev.isthmus.workers.data.SparseParity;
import dev.isthmus.workers.engine.Compute;
import dev.isthmus.workers.engine.DeviceBatches;
import dev.isthmus.workers.metrics.Evaluator;
import dev.isthmus.workers.metrics.LossAccuracy;
import dev.isthmus.workers.models.Mlp;
import dev.isthmus.workers.models.Params;
import dev.isthmus.workers.progress.Progress;
import java.util.List;
import org.junit.jupiter.api.Test;

class PathEvaluatorTest {

    @Test
    void curveEndsReproduceEachEndpointsOwnLossExactly() {
        Dataset data = SparseParity.generate(20, 3, 200, 1500, 5);
        Mlp mlp = new Mlp(data.features(), List.of(64, 32), data.classes());
        try (NDManager m = Compute.manager(Device.cpu(), 1);
                DeviceBatches batches = new DeviceBatches(m, data.eval(), 1000)) {
            Params a = Params.upload(m, mlp.initialise(1));
            Params b = Params.upload(m, mlp.initialise(2));
            Curve c = PathEvaluator.linear(mlp, a, b, batches, 7, Progress.NONE);
            LossAccuracy la = Evaluator.evaluate(mlp, a, batches);
            LossAccuracy lb = Evaluator.evaluate(mlp, b, batches);
            assertEquals(la.loss(), c.loss()[0], 0.0);
            assertEquals(la.accuracy(), c.accuracy()[0], 0.0);
            assertEquals(lb.loss(), c.loss()[6], 0.0);
            assertEquals(lb.accuracy(), c.accuracy()[6], 0.0);
            assertNotEquals(c.loss()[0], c.loss()[3]);
            assertEquals(0.5, c.alphas()[3]);
            for (double l : c.loss()) assertTrue(Double.isFinite(l) && l > 0);
        }
    }

    @Test
    void interpolationAtAlphaIsTheWeightedSumOfTheEndpoints() {
        Mlp mlp = new Mlp(4, List.of(3), 2);
        try (NDManager m = Compute.manager(Device.cpu(), 1)) {
            Params a = Params.upload(m, mlp.initialise(1));
            Params b = Params.upload(m, mlp.initialise(2));
            Params mid = LinearPath.at(a, b, 0.25);
            float[] wa = a.get("layers.0.weight").toFloatArray();
            float[] wb = b.get("layers.0.weight").toFloatArray();
            float[] w = mid.get("layers.0.weight").toFloatArray();
            for (int i = 0; i < w.length; i++)
                assertEquals(0.75f * wa[i] + 0.25f * wb[i], w[i], 1e-7);
        }
    }
}
