package dev.isthmus.workers.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What is written is read back unchanged, and writing is deterministic. */
class SafetensorsRoundTripTest {
    @TempDir Path dir;

    @Test
    void everyDtypeAndTheMetadataSurviveAndRewritingGivesTheSameBytes() throws IOException {
        Checkpoint original = everyDtype();
        Path first = dir.resolve("first.safetensors");
        Path second = dir.resolve("second.safetensors");

        Safetensors.write(first, original);
        Checkpoint read = Safetensors.read(first);
        Safetensors.write(second, read);

        assertEquals(original, read);
        assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second));
    }

    @Test
    void insertionOrderDoesNotChangeTheBytes() throws IOException {
        Map<String, HostTensor> forward = new LinkedHashMap<>();
        Map<String, HostTensor> backward = new LinkedHashMap<>();
        var names = everyDtype().tensors().keySet().stream().toList();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            String reversed = names.get(names.size() - 1 - i);
            forward.put(name, everyDtype().require(name));
            backward.put(reversed, everyDtype().require(reversed));
        }
        Path a = dir.resolve("a.safetensors");
        Path b = dir.resolve("b.safetensors");

        Safetensors.write(a, new Checkpoint(Map.of("k", "v"), new TreeMap<>(forward)));
        Safetensors.write(b, new Checkpoint(Map.of("k", "v"), new TreeMap<>(backward)));

        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    }

    @Test
    void headerIsPaddedToEightBytesAndDataIsContiguous() throws IOException {
        Path file = dir.resolve("c.safetensors");
        Checkpoint checkpoint = everyDtype();

        Safetensors.write(file, checkpoint);

        byte[] bytes = Files.readAllBytes(file);
        long headerLength = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        long dataLength =
                checkpoint.tensors().values().stream().mapToLong(t -> t.data().length).sum();
        assertEquals(0, headerLength % 8);
        assertEquals(8 + headerLength + dataLength, bytes.length);
    }

    @Test
    void emptyCheckpointRoundTrips() {
        Path file = dir.resolve("empty.safetensors");
        Checkpoint empty = new Checkpoint(Map.of(), new TreeMap<>());

        Safetensors.write(file, empty);

        assertEquals(empty, Safetensors.read(file));
    }

    @Test
    void missingFileIsReportedByName() {
        Path file = dir.resolve("absent.safetensors");

        var e = assertThrows(CheckpointException.class, () -> Safetensors.read(file));

        assertEquals(file + ": no such file", e.getMessage());
    }

    /** One tensor per dtype with random bytes, plus a scalar and an empty tensor. */
    private static Checkpoint everyDtype() {
        Random random = new Random(42);
        var tensors = new TreeMap<String, HostTensor>();
        for (DType dtype : DType.values()) {
            long[] shape = {3, 2};
            byte[] data = new byte[6 * dtype.byteSize()];
            random.nextBytes(data);
            tensors.put(
                    "layers." + dtype.name().toLowerCase() + ".weight",
                    new HostTensor(dtype, shape, data));
        }
        tensors.put("scalar", HostTensor.ofFloats(new long[] {}, new float[] {2.5f}));
        tensors.put("empty", new HostTensor(DType.F16, new long[] {0, 4}, new byte[0]));
        return new Checkpoint(Map.of("format", "pt", "epoch", "10", "note", "π ≈ 3.14"), tensors);
    }
}
