package dev.isthmus.workers.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.isthmus.workers.data.Dataset;
import dev.isthmus.workers.data.SparseParity;
import dev.isthmus.workers.models.Mlp;
import dev.isthmus.workers.models.Params;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Every array built from host data starts on a 64-byte boundary, whatever was allocated before;
 * DJL's own {@code create} does not guarantee it (the cause of in-process result drift).
 */
class HostArraysTest {

    @Test
    void uploadsStartOnA64ByteBoundaryWhateverCameBefore() {
        SplittableRandom rng = new SplittableRandom(3);
        List<ByteBuffer> noise = new ArrayList<>();
        try (NDManager m = Compute.manager(Device.cpu(), 1)) {
            for (int i = 0; i < 200; i++) {
                noise.add(ByteBuffer.allocateDirect(1 + rng.nextInt(300_000)));
                int n = 1 + rng.nextInt(5_000);
                float[] f = new float[n];
                f[n - 1] = i;
                NDArray a = HostArrays.of(m, f, new Shape(n));
                NDArray d = HostArrays.of(m, new double[n], new Shape(1, n));
                NDArray l = HostArrays.of(m, new long[n]);
                assertEquals(0, HostArrays.misalignment(a), "float32, " + n + " elements");
                assertEquals(0, HostArrays.misalignment(d), "float64, " + n + " elements");
                assertEquals(0, HostArrays.misalignment(l), "int64, " + n + " elements");
                assertEquals(DataType.FLOAT64, d.getDataType());
                assertEquals(new Shape(1, n), d.getShape());
                assertEquals(i, a.getFloat(n - 1));
            }
        }
        assertEquals(200, noise.size());
    }

    @Test
    void valuesArriveUnchangedInRowMajorOrder() {
        try (NDManager m = Compute.manager(Device.cpu(), 1)) {
            float[] f = {1.5f, -2f, 3.25f, Float.MIN_VALUE, -0f, 7f};
            assertArrayEquals(f, HostArrays.of(m, f, new Shape(2, 3)).toFloatArray());
            double[] d = {Math.PI, -1e-300, 2};
            assertArrayEquals(d, HostArrays.of(m, d, new Shape(3)).toDoubleArray());
            long[] l = {Long.MIN_VALUE, 0, 9};
            assertArrayEquals(l, HostArrays.of(m, l).toLongArray());
        }
    }

    @Test
    void parametersAndBatchesAreAligned() {
        Dataset data = SparseParity.generate(20, 3, 640, 300, 1);
        Mlp mlp = new Mlp(data.features(), List.of(33, 17), data.classes());
        try (NDManager m = Compute.manager(Device.cpu(), 1);
                DeviceBatches eval = new DeviceBatches(m, data.eval(), 77)) {
            Params p = Params.upload(m, mlp.initialise(5));
            p.arrays().forEach((name, a) -> assertEquals(0, HostArrays.misalignment(a), name));
            for (DeviceBatches.Batch b : eval.batches()) {
                assertEquals(0, HostArrays.misalignment(b.x()));
                assertEquals(0, HostArrays.misalignment(b.y()));
            }
            int[] rows = {5, 3, 1, 0, 2};
            DeviceBatches.Batch g = DeviceBatches.gather(m, data.train(), rows, 1, 3);
            assertEquals(0, HostArrays.misalignment(g.x()));
        }
    }

    @Test
    void djlsOwnCreateLandsWhereverMallocPutsIt() {
        // The hazard HostArrays exists for: if this ever fails, DJL copies into aligned memory
        // itself.
        int misaligned = 0;
        try (NDManager m = Compute.manager(Device.cpu(), 1)) {
            for (int i = 1; i <= 64; i++) {
                if (HostArrays.misalignment(m.create(new float[i * 3])) != 0) misaligned++;
            }
        }
        assertTrue(misaligned > 0, "all 64 of DJL's host copies were 64-byte aligned");
    }
}
