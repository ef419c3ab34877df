package dev.isthmus.workers.io;

/**
 * Widening of IEEE 754 binary16 (F16) and bfloat16 (BF16) bit patterns to float32, written by hand
 * because Java 17 has no {@code Float.float16ToFloat}.
 */
final class HalfPrecision {
    private static final int F16_EXPONENT_MAX = 0x1f;

    /** float32 bias (127) minus binary16 bias (15). */
    private static final int EXPONENT_REBIAS = 112;

    private HalfPrecision() {}

    /** The float32 equal to binary16 {@code bits}; every binary16 value is exact in float32. */
    static float f16ToFloat(short bits) {
        int h = bits & 0xffff;
        int sign = (h & 0x8000) << 16;
        int exponent = (h >>> 10) & F16_EXPONENT_MAX;
        int mantissa = h & 0x3ff;
        if (exponent == F16_EXPONENT_MAX) {
            // Infinity (mantissa 0) or NaN; the NaN payload moves to the top of the float mantissa.
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            // Zero or subnormal: mantissa * 2^-24, exact in float32.
            float magnitude = mantissa * 0x1p-24f;
            return sign == 0 ? magnitude : -magnitude;
        }
        return Float.intBitsToFloat(sign | ((exponent + EXPONENT_REBIAS) << 23) | (mantissa << 13));
    }

    /** The float32 equal to bfloat16 {@code bits}, which are the top half of a float32. */
    static float bf16ToFloat(short bits) {
        return Float.intBitsToFloat((bits & 0xffff) << 16);
    }
}
