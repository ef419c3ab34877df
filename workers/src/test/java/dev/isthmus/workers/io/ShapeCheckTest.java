package dev.isthmus.workers.io;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A checkpoint that does not fit a model is reported with every problem in one message. */
class ShapeCheckTest {
    private static final Checkpoint CHECKPOINT =
            Checkpoint.of(
                    Map.of(
                            "layers.0.weight", zeros(512, 784),
                            "layers.1.weight", zeros(256, 512),
                            "layers.1.bias", zeros(512),
                            "extra.weight", zeros(3)));

    @Test
    void matchingCheckpointPasses() {
        Map<String, long[]> expected =
                Map.of(
                        "layers.0.weight", new long[] {512, 784},
                        "layers.1.weight", new long[] {256, 512},
                        "layers.1.bias", new long[] {512},
                        "extra.weight", new long[] {3});

        assertDoesNotThrow(() -> ShapeCheck.requireShapes("a.safetensors", CHECKPOINT, expected));
    }

    @Test
    void missingUnexpectedAndMismatchedTensorsAreAllReportedAtOnce() {
        Map<String, long[]> expected =
                Map.of(
                        "layers.0.weight", new long[] {512, 784},
                        "layers.1.weight", new long[] {512, 512},
                        "layers.1.bias", new long[] {512},
                        "layers.2.weight", new long[] {10, 512},
                        "layers.2.bias", new long[] {10});

        var e =
                assertThrows(
                        CheckpointException.class,
                        () -> ShapeCheck.requireShapes("/x/a.safetensors", CHECKPOINT, expected));

        assertEquals(
                "/x/a.safetensors: "
                        + "layers.1.weight: expected shape [512, 512], got [256, 512]; "
                        + "missing tensor layers.2.bias (expected shape [10]); "
                        + "missing tensor layers.2.weight (expected shape [10, 512]); "
                        + "unexpected tensor extra.weight with shape [3]",
                e.getMessage());
    }

    private static HostTensor zeros(long... shape) {
        long numel = 1;
        for (long dim : shape) {
            numel *= dim;
        }
        return HostTensor.ofFloats(shape, new float[(int) numel]);
    }

    @Test
    void integerTensorsAreRefusedByName() {
        Checkpoint c =
                Checkpoint.of(
                        Map.of(
                                "w",
                                new HostTensor(DType.I64, new long[] {2}, new byte[16]),
                                "b",
                                zeros(2)));
        var e =
                assertThrows(
                        CheckpointException.class,
                        () ->
                                ShapeCheck.requireShapes(
                                        "/x/a.safetensors",
                                        c,
                                        Map.of("w", new long[] {2}, "b", new long[] {2})));
        assertEquals(
                "/x/a.safetensors: w: expected a float dtype (F32, F64, F16, BF16), got I64",
                e.getMessage());
    }
}
