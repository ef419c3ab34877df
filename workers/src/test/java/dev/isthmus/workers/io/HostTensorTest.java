package dev.isthmus.workers.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tensors and checkpoints check their own consistency and compare by content. */
class HostTensorTest {

    @Test
    void floatsRoundTripThroughLittleEndianBytes() {
        HostTensor tensor = HostTensor.ofFloats(new long[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6});

        assertEquals(DType.F32, tensor.dtype());
        assertEquals(6, tensor.numel());
        assertEquals("[2, 3]", tensor.shapeString());
        assertArrayEquals(
                SafetensorsBytes.hex("00 00 80 3f"), java.util.Arrays.copyOf(tensor.data(), 4));
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, tensor.toFloats());
    }

    @Test
    void scalarHasOneElementAndEmptyShape() {
        HostTensor scalar = HostTensor.ofFloats(new long[] {}, new float[] {7});

        assertEquals(1, scalar.numel());
        assertEquals("[]", scalar.shapeString());
    }

    @Test
    void equalityComparesContentNotArrayIdentity() {
        HostTensor a = HostTensor.ofFloats(new long[] {2}, new float[] {1, 2});
        HostTensor b = HostTensor.ofFloats(new long[] {2}, new float[] {1, 2});
        HostTensor reshaped = HostTensor.ofFloats(new long[] {1, 2}, new float[] {1, 2});

        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, reshaped);
    }

    @Test
    void shapeCannotBeChangedFromOutside() {
        long[] shape = {2};
        HostTensor tensor = HostTensor.ofFloats(shape, new float[] {1, 2});

        shape[0] = 99;
        tensor.shape()[0] = 99;

        assertEquals("[2]", tensor.shapeString());
    }

    @Test
    void dataOfTheWrongLengthIsRejected() {
        var e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new HostTensor(DType.BF16, new long[] {5, 10}, new byte[99]));

        assertEquals("BF16 shape [5, 10] needs 100 bytes but the data has 99", e.getMessage());
    }

    @Test
    void valueCountMustMatchTheShape() {
        var e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> HostTensor.ofFloats(new long[] {2, 2}, new float[3]));

        assertEquals("shape [2, 2] needs 4 values but 3 were given", e.getMessage());
    }

    @Test
    void requireNamesTheMissingTensorAndWhatIsThere() {
        Checkpoint checkpoint =
                Checkpoint.of(
                        Map.of("fc.weight", HostTensor.ofFloats(new long[] {1}, new float[1])));

        var e = assertThrows(IllegalArgumentException.class, () -> checkpoint.require("fc.bias"));

        assertEquals("checkpoint has no tensor fc.bias; it has fc.weight", e.getMessage());
    }
}
