package dev.isthmus.workers.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** F16 and BF16 tensors widen to the exact float32 values their bit patterns encode. */
class HalfPrecisionTest {

    @Test
    void f16KnownValues() {
        // 1.0, -2.5, max 65504, smallest subnormal 2^-24, largest subnormal, smallest normal,
        // -0.0, +inf, -inf, NaN
        float[] floats =
                tensor(
                                DType.F16, 0x3c00, 0xc100, 0x7bff, 0x0001, 0x03ff, 0x0400, 0x8000,
                                0x7c00, 0xfc00, 0x7e00)
                        .toFloats();

        assertArrayEquals(
                new float[] {
                    1.0f,
                    -2.5f,
                    65504f,
                    0x1p-24f,
                    1023 * 0x1p-24f,
                    0x1p-14f,
                    -0.0f,
                    Float.POSITIVE_INFINITY,
                    Float.NEGATIVE_INFINITY,
                    Float.NaN
                },
                floats);
        assertEquals(Float.floatToRawIntBits(-0.0f), Float.floatToRawIntBits(floats[6]));
        assertEquals(5.9604645e-8f, floats[3]);
    }

    @Test
    void bf16KnownValues() {
        // 1.0, -2.5, 65280 (the bf16 neighbour of 65504, which bf16 cannot hold), largest
        // finite, smallest subnormal 2^-133, -0.0, +inf, -inf, NaN
        float[] floats =
                tensor(
                                DType.BF16,
                                0x3f80,
                                0xc020,
                                0x477f,
                                0x7f7f,
                                0x0001,
                                0x8000,
                                0x7f80,
                                0xff80,
                                0x7fc0)
                        .toFloats();

        assertArrayEquals(
                new float[] {
                    1.0f,
                    -2.5f,
                    65280f,
                    0x1.fep127f,
                    0x1p-133f,
                    -0.0f,
                    Float.POSITIVE_INFINITY,
                    Float.NEGATIVE_INFINITY,
                    Float.NaN
                },
                floats);
        assertEquals(3.3895314e38f, floats[3]);
    }

    @Test
    void f64NarrowsToNearestFloat() {
        byte[] bytes = SafetensorsBytes.hex("9a 99 99 99 99 99 b9 3f"); // 0.1 as a double

        float[] floats = new HostTensor(DType.F64, new long[] {1}, bytes).toFloats();

        assertArrayEquals(new float[] {0.1f}, floats);
    }

    @Test
    void integerTensorsRefuseToBecomeFloatsAndSayWhy() {
        HostTensor ints = new HostTensor(DType.I32, new long[] {1}, new byte[4]);

        var e = assertThrows(IllegalArgumentException.class, ints::toFloats);

        assertEquals(
                "cannot convert dtype I32 to floats; only F64, F32, F16, BF16 and I64 convert",
                e.getMessage());
    }

    /** A 1-d 16-bit tensor of the given bit patterns, little-endian. */
    private static HostTensor tensor(DType dtype, int... bits) {
        byte[] data = new byte[bits.length * 2];
        for (int i = 0; i < bits.length; i++) {
            data[2 * i] = (byte) bits[i];
            data[2 * i + 1] = (byte) (bits[i] >>> 8);
        }
        return new HostTensor(dtype, new long[] {bits.length}, data);
    }
}
