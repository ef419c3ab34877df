package dev.isthmus.workers.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import dev.isthmus.workers.data.Dataset;
import dev.isthmus.workers.data.SparseParity;
import dev.isthmus.workers.engine.Compute;
import dev.isthmus.workers.engine.DeviceBatches;
import dev.isthmus.workers.models.Mlp;
import dev.isthmus.workers.models.Params;
import dev.isthmus.workers.paths.LinearPath;
import java.util.List;
import org.junit.jupiter.api.Test;

class PathEnsembleTest {

    @Test
    void scoresTheMeanLogitsByHand() {
        // two points summed: example 0 means (1, 3, 0), example 1 (2, 2, 1) tied, example 2 (0, 0,
        // 4)
        double[] sum = {2, 6, 0, 4, 4, 2, 0, 0, 8};
        int[] labels = {1, 1, 0};
        PathEnsemble.Score s = PathEnsemble.score(sum, 2, labels, 3);
        double l0 = Math.log(Math.exp(1) + Math.exp(3) + 1) - 3;
        double l1 = Math.log(2 * Math.exp(2) + Math.exp(1)) - 2;
        double l2 = Math.log(2 + Math.exp(4)) - 0;
        assertEquals((l0 + l1 + l2) / 3, s.loss(), 1e-12);
        // the tie of example 1 goes to the first class, which is not its label
        assertEquals(1.0 / 3, s.accuracy(), 0);
    }

    @Test
    void forLogitsLinearInTheParametersTheEnsembleOfALineIsItsMidpoint() {
        Dataset data = SparseParity.generate(20, 3, 100, 1000, 2);
        Mlp linear = new Mlp(data.features(), List.of(), data.classes()); // logits = W x + b
        try (NDManager m = Compute.manager(Device.cpu(), 1);
                DeviceBatches batches = new DeviceBatches(m, data.eval(), 300)) {
            Params a = Params.upload(m, linear.initialise(1));
            Params b = Params.upload(m, linear.initialise(2));
            LossAccuracy mid = Evaluator.evaluate(linear, LinearPath.at(a, b, 0.5), batches);
            for (int points : new int[] {3, 5}) {
                PathEnsemble.Result e =
                        PathEnsemble.measure(
                                linear,
                                alpha -> LinearPath.at(a, b, alpha),
                                batches,
                                data.eval().y(),
                                data.classes(),
                                points);
                assertArrayEquals(LinearPath.alphas(points), e.alphas(), 0);
                assertEquals(mid.loss(), e.loss(), 1e-6, points + " points");
                assertEquals(mid.accuracy(), e.accuracy(), 0.002, points + " points");
                assertEquals(mid.loss(), e.endpointsLoss(), 1e-6);
                // the members at the ends are the curve's own ends, to the bit
                LossAccuracy atA = Evaluator.evaluate(linear, LinearPath.at(a, b, 0), batches);
                LossAccuracy atB = Evaluator.evaluate(linear, LinearPath.at(a, b, 1), batches);
                assertEquals(atA.loss(), e.memberLoss()[0], 0);
                assertEquals(atB.accuracy(), e.memberAccuracy()[points - 1], 0);
            }
        }
    }

    @Test
    void twoPointsAreTheEndsOwnEnsembleAndAHiddenLayerBreaksTheMidpointRule() {
        Dataset data = SparseParity.generate(20, 3, 100, 1000, 2);
        Mlp mlp = new Mlp(data.features(), List.of(16), data.classes());
        try (NDManager m = Compute.manager(Device.cpu(), 1);
                DeviceBatches batches = new DeviceBatches(m, data.eval(), 300)) {
            Params a = Params.upload(m, mlp.initialise(1));
            Params b = Params.upload(m, mlp.initialise(2));
            PathEnsemble.Result two =
                    PathEnsemble.measure(
                            mlp,
                            alpha -> LinearPath.at(a, b, alpha),
                            batches,
                            data.eval().y(),
                            data.classes(),
                            2);
            assertEquals(two.endpointsLoss(), two.loss(), 0);
            assertEquals(two.endpointsAccuracy(), two.accuracy(), 0);
            LossAccuracy mid = Evaluator.evaluate(mlp, LinearPath.at(a, b, 0.5), batches);
            assertNotEquals(mid.loss(), two.loss(), 1e-4);
        }
    }
}
