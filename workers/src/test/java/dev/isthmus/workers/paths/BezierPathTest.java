package dev.isthmus.workers.paths;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import dev.isthmus.workers.data.Dataset;
import dev.isthmus.workers.data.SparseParity;
import dev.isthmus.workers.engine.Compute;
import dev.isthmus.workers.engine.DeviceBatches;
import dev.isthmus.workers.models.Mlp;
import dev.isthmus.workers.models.Params;
import dev.isthmus.workers.progress.Progress;
import java.util.List;
import org.junit.jupiter.api.Test;

class BezierPathTest {

    @Test
    void atInitialisationTheBezierPathIsTheStraightLine() {
        Dataset data = SparseParity.generate(20, 3, 100, 1000, 3);
        Mlp mlp = new Mlp(data.features(), List.of(32, 32), data.classes());
        try (NDManager m = Compute.manager(Device.cpu(), 1);
                DeviceBatches batches = new DeviceBatches(m, data.eval(), 250)) {
            Params a = Params.upload(m, mlp.initialise(1));
            Params b = Params.upload(m, mlp.initialise(2));
            Params c = BezierPath.midpoint(a, b);
            Curve line = PathEvaluator.linear(mlp, a, b, batches, 9, Progress.NONE);
            Curve curve =
                    PathEvaluator.walk(
                            mlp,
                            x -> BezierPath.at(a, c, b, x),
                            "bezier",
                            batches,
                            9,
                            Progress.NONE,
                            null);
            assertArrayEquals(line.loss(), curve.loss(), 1e-6);
            assertArrayEquals(line.accuracy(), curve.accuracy(), 1e-9);
            // The ends are the endpoints exactly.
            assertEquals(line.loss()[0], curve.loss()[0], 0.0);
            assertEquals(line.loss()[8], curve.loss()[8], 0.0);
        }
    }
}
