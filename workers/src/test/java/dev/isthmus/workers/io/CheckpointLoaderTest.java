package dev.isthmus.workers.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints read for one model are checked against its shapes, naming the file. */
class CheckpointLoaderTest {
    @TempDir Path dir;

    private static final CheckpointLoader LOADER =
            new CheckpointLoader(
                    Map.of("w", new long[] {2, 3}, "count", new long[] {}), Set.of("count"));

    @Test
    void aFittingCheckpointIsReturnedAsWritten() {
        Checkpoint c =
                Checkpoint.of(
                        Map.of(
                                "w",
                                HostTensor.ofFloats(new long[] {2, 3}, new float[6]),
                                "count",
                                new HostTensor(DType.I64, new long[] {}, new byte[8])));
        Path file = dir.resolve("a.safetensors");
        Safetensors.write(file, c);
        assertEquals(c.tensors(), LOADER.load(file).tensors());
    }

    @Test
    void aMismatchNamesTheFileAndTheTensor() {
        Path file = dir.resolve("b.safetensors");
        Safetensors.write(
                file,
                Checkpoint.of(
                        Map.of(
                                "w", HostTensor.ofFloats(new long[] {3, 2}, new float[6]),
                                "count", HostTensor.ofFloats(new long[] {}, new float[1]))));
        var e = assertThrows(CheckpointException.class, () -> LOADER.load(file));
        assertEquals(file + ": w: expected shape [2, 3], got [3, 2]", e.getMessage());
    }
}
