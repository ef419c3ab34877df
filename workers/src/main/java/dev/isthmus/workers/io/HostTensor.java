package dev.isthmus.workers.io;

import dev.isthmus.api.validation.BadInputException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A dense tensor in host memory as it appears in a safetensors file: a dtype, a shape and the raw
 * little-endian element bytes in row-major order.
 *
 * <p>The shape is copied; the data array is not (checkpoints can be large), so callers must not
 * modify it after construction.
 */
public record HostTensor(DType dtype, long[] shape, byte[] data) {

    /** Checks that the data holds exactly {@code numel * dtype.byteSize()} bytes. */
    public HostTensor {
        if (dtype == null || shape == null || data == null) {
            throw new BadInputException("dtype, shape and data must not be null");
        }
        shape = shape.clone();
        long bytes = byteLength(dtype, shape);
        if (bytes != data.length) {
            throw new BadInputException(
                    String.format(
                            "%s shape %s needs %d bytes but the data has %d",
                            dtype, shapeString(shape), bytes, data.length));
        }
    }

    /** A float32 tensor holding {@code values} in row-major order. */
    public static HostTensor ofFloats(long[] shape, float[] values) {
        long numel = numel(shape);
        if (numel != values.length) {
            throw new BadInputException(
                    String.format(
                            "shape %s needs %d values but %d were given",
                            shapeString(shape), numel, values.length));
        }
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Float.BYTES);
        buffer.order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().put(values);
        return new HostTensor(DType.F32, shape, buffer.array());
    }

    /** A copy of the shape. */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Number of elements: the product of the dimensions, 1 for a scalar. */
    public long numel() {
        return numel(shape);
    }

    /** The shape written like {@code [512, 784]}. */
    public String shapeString() {
        return shapeString(shape);
    }

    /**
     * The elements widened or narrowed to float32 (F64, and I64 beyond 2^24, round to nearest). I64
     * converts because PyTorch stores BatchNorm's {@code num_batches_tracked} so.
     *
     * @throws BadInputException for the other integer dtypes and BOOL
     */
    public float[] toFloats() {
        ByteBuffer in = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[data.length / dtype.byteSize()];
        switch (dtype) {
            case F32 -> in.asFloatBuffer().get(out);
            case F64 -> {
                for (int i = 0; i < out.length; i++) {
                    out[i] = (float) in.getDouble();
                }
            }
            case F16 -> {
                for (int i = 0; i < out.length; i++) {
                    out[i] = HalfPrecision.f16ToFloat(in.getShort());
                }
            }
            case BF16 -> {
                for (int i = 0; i < out.length; i++) {
                    out[i] = HalfPrecision.bf16ToFloat(in.getShort());
                }
            }
            case I64 -> {
                for (int i = 0; i < out.length; i++) {
                    out[i] = in.getLong(); // exact up to 2^24, e.g. num_batches_tracked
                }
            }
            default ->
                    throw new BadInputException(
                            "cannot convert dtype "
                                    + dtype
                                    + " to floats; only F64, F32, F16, BF16 and I64 convert");
        }
        return out;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HostTensor that
                && dtype == that.dtype
                && Arrays.equals(shape, that.shape)
                && Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * dtype.hashCode() + Arrays.hashCode(shape)) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "HostTensor[" + dtype + " " + shapeString() + "]";
    }

    /**
     * Bytes needed by a {@code dtype} tensor of {@code shape}.
     *
     * @throws BadInputException if a dimension is negative or the size overflows a long
     */
    static long byteLength(DType dtype, long[] shape) {
        try {
            return Math.multiplyExact(numel(shape), dtype.byteSize());
        } catch (ArithmeticException e) {
            throw new BadInputException(
                    dtype + " shape " + shapeString(shape) + " has more than 2^63 bytes", e);
        }
    }

    private static long numel(long[] shape) {
        for (long dim : shape) {
            if (dim < 0) {
                throw new BadInputException(
                        "shape " + shapeString(shape) + " has a negative dimension");
            }
            if (dim == 0) {
                return 0; // before any overflow check: [2^62, 2^62, 0] is empty
            }
        }
        long numel = 1;
        for (long dim : shape) {
            try {
                numel = Math.multiplyExact(numel, dim);
            } catch (ArithmeticException e) {
                throw new BadInputException(
                        "shape " + shapeString(shape) + " has more than 2^63 elements", e);
            }
        }
        return numel;
    }

    static String shapeString(long[] shape) {
        return Arrays.toString(shape);
    }
}
