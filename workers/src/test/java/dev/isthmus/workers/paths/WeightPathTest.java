package dev.isthmus.workers.paths;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import dev.isthmus.workers.engine.Compute;
import dev.isthmus.workers.io.HostTensor;
import dev.isthmus.workers.models.Params;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleFunction;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The path a sweep names, built from its type, the two ends, the control point and a repair. */
class WeightPathTest {

    private static Params params(NDManager m, float... w) {
        return Params.upload(m, Map.of("w", HostTensor.ofFloats(new long[] {w.length}, w)));
    }

    private static float[] w(DoubleFunction<Params> path, double alpha) {
        return path.apply(alpha).get("w").toFloatArray();
    }

    @Test
    void linearIsTheStraightLineAndNeverAsksForAControlPoint() {
        try (NDManager m = Compute.manager(Device.cpu(), 1)) {
            Supplier<Params> none =
                    () -> {
                        throw new AssertionError("a straight line has no control point");
                    };
            var path = WeightPath.of("linear", params(m, 0, 4), params(m, 2, 8), none, Repair.NONE);
            assertArrayEquals(new float[] {0.5f, 5f}, w(path, 0.25), 0f);
            assertArrayEquals(new float[] {2f, 8f}, w(path, 1.0), 0f);
        }
    }

    @Test
    void bezierBendsThroughTheControlPointAskedForOnce() {
        try (NDManager m = Compute.manager(Device.cpu(), 1)) {
            AtomicInteger asked = new AtomicInteger();
            Params c = params(m, 4, 4);
            var path =
                    WeightPath.of(
                            "bezier",
                            params(m, 0, 0),
                            params(m, 0, 8),
                            () -> {
                                asked.incrementAndGet();
                                return c;
                            },
                            Repair.NONE);
            // (1−α)²·a + 2α(1−α)·c + α²·b at α = 1/2: a/4 + c/2 + b/4.
            assertArrayEquals(new float[] {2f, 4f}, w(path, 0.5), 0f);
            assertArrayEquals(new float[] {0f, 8f}, w(path, 1.0), 0f);
            assertEquals(1, asked.get());
        }
    }

    @Test
    void theRepairCorrectsEveryPointWithItsAlpha() {
        try (NDManager m = Compute.manager(Device.cpu(), 1)) {
            Repair addAlpha =
                    (p, alpha) ->
                            new Params(new TreeMap<>(Map.of("w", p.get("w").add((float) alpha))));
            var path = WeightPath.of("linear", params(m, 0), params(m, 2), () -> null, addAlpha);
            assertArrayEquals(new float[] {1.5f}, w(path, 0.5), 0f);
        }
    }

    @Test
    void anUnknownTypeIsNamedWithTheAvailableOnes() {
        try (NDManager m = Compute.manager(Device.cpu(), 1)) {
            var e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () ->
                                    WeightPath.of(
                                            "spline",
                                            params(m, 0),
                                            params(m, 1),
                                            () -> null,
                                            Repair.NONE));
            assertEquals(
                    "spec.paths[].type: spline is not a path (available: linear, bezier)",
                    e.getMessage());
        }
    }
}
