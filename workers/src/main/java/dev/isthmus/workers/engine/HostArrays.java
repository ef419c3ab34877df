package dev.isthmus.workers.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import dev.isthmus.api.validation.BadInputException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Host arrays copied into 64-byte-aligned memory before the engine sees them.
 *
 * <p>Why: DJL hands a direct buffer to libtorch as is ({@code torch::from_blob}), and the JVM's
 * direct buffers come from malloc, 16-byte aligned at an offset (0, 16, 32 or 48 mod 64) that
 * depends on everything the process allocated before, and on which thread asks. oneMKL's kernels
 * are reproducible only for aligned operands and a fixed thread count (oneMKL Developer Guide,
 * "Reproducibility Conditions"); on AVX-512 machines the same weights and batches gave other
 * float32 results in the low digits depending on what had run earlier in the JVM. libtorch's own
 * allocations are 64-byte aligned; every array uploaded from the host is too, so the offset never
 * depends on history.
 */
public final class HostArrays {

    /** Bytes: libtorch's CPU allocator alignment, and one AVX-512 vector. */
    public static final int ALIGNMENT = 64;

    private HostArrays() {}

    /** A float32 array of {@code shape} holding {@code data} (row-major). */
    public static NDArray of(NDManager manager, float[] data, Shape shape) {
        return at(manager, data, shape, 0);
    }

    /** A float64 array of {@code shape} holding {@code data} (row-major). */
    public static NDArray of(NDManager manager, double[] data, Shape shape) {
        return at(manager, data, shape, 0);
    }

    /** An int64 vector holding {@code data}. */
    public static NDArray of(NDManager manager, long[] data) {
        ByteBuffer b = buffer(Math.multiplyExact(data.length, Long.BYTES), 0);
        b.asLongBuffer().put(data);
        return manager.create(b, new Shape(data.length), DataType.INT64);
    }

    /**
     * As {@link #of(NDManager, float[], Shape)} but starting {@code byteOffset} bytes past a
     * boundary: deliberately misaligned, for {@code isthmus bench alignment} only.
     */
    public static NDArray misaligned(NDManager manager, float[] data, Shape shape, int byteOffset) {
        return at(manager, data, shape, checked(byteOffset));
    }

    /** As {@link #misaligned(NDManager, float[], Shape, int)}, for float64. */
    public static NDArray misaligned(
            NDManager manager, double[] data, Shape shape, int byteOffset) {
        return at(manager, data, shape, checked(byteOffset));
    }

    /**
     * The byte offset of {@code array}'s first element from the previous 64-byte boundary (0 when
     * aligned); for CPU arrays only.
     */
    public static int misalignment(NDArray array) {
        ByteBuffer view = JniUtils.getByteBuffer((PtNDArray) array, true);
        return view.alignmentOffset(0, ALIGNMENT);
    }

    private static NDArray at(NDManager manager, float[] data, Shape shape, int byteOffset) {
        ByteBuffer b = buffer(Math.multiplyExact(data.length, Float.BYTES), byteOffset);
        b.asFloatBuffer().put(data);
        return manager.create(b, shape, DataType.FLOAT32);
    }

    private static NDArray at(NDManager manager, double[] data, Shape shape, int byteOffset) {
        ByteBuffer b = buffer(Math.multiplyExact(data.length, Double.BYTES), byteOffset);
        b.asDoubleBuffer().put(data);
        return manager.create(b, shape, DataType.FLOAT64);
    }

    private static int checked(int byteOffset) {
        if (byteOffset < 0 || byteOffset >= ALIGNMENT) {
            throw new BadInputException("byte offset must be in [0, 64), got " + byteOffset);
        }
        return byteOffset;
    }

    /**
     * A native-order direct buffer of exactly {@code bytes} bytes starting {@code byteOffset} bytes
     * past a 64-byte boundary.
     */
    static ByteBuffer buffer(int bytes, int byteOffset) {
        // alignedSlice rounds both ends inwards: a whole number of units plus one unit of slack.
        int units = Math.addExact(Math.addExact(bytes, byteOffset), ALIGNMENT - 1) / ALIGNMENT;
        ByteBuffer raw = ByteBuffer.allocateDirect(Math.multiplyExact(units + 1, ALIGNMENT));
        ByteBuffer b = raw.alignedSlice(ALIGNMENT).position(byteOffset).limit(byteOffset + bytes);
        return b.slice().order(ByteOrder.nativeOrder());
    }
}
