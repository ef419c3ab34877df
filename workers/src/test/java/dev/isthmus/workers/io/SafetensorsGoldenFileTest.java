package dev.isthmus.workers.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file assembled by hand from the format definition is read and written exactly. */
class SafetensorsGoldenFileTest {
    /** 151 bytes of JSON plus one space of padding. */
    private static final String HEADER =
            "{\"__metadata__\":{\"format\":\"pt\"},"
                    + "\"bias\":{\"dtype\":\"I64\",\"shape\":[2],\"data_offsets\":[0,16]},"
                    + "\"weight\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[16,32]}}"
                    + " ";

    /** bias = [7, -1] as int64, weight = [[1, -2], [0.5, 3]] as float32, little-endian. */
    private static final byte[] DATA =
            SafetensorsBytes.hex(
                    "07 00 00 00 00 00 00 00  ff ff ff ff ff ff ff ff"
                            + "00 00 80 3f  00 00 00 c0  00 00 00 3f  00 00 40 40");

    private static final byte[] GOLDEN =
            SafetensorsBytes.file(152, HEADER.getBytes(StandardCharsets.UTF_8), DATA);

    @TempDir Path dir;

    @Test
    void handBuiltFileIsReadWithItsValuesShapesAndMetadata() throws IOException {
        Path file = Files.write(dir.resolve("golden.safetensors"), GOLDEN);

        Checkpoint checkpoint = Safetensors.read(file);

        assertEquals(Map.of("format", "pt"), checkpoint.metadata());
        assertEquals(
                new HostTensor(
                        DType.I64,
                        new long[] {2},
                        SafetensorsBytes.hex("07 00 00 00 00 00 00 00  ff ff ff ff ff ff ff ff")),
                checkpoint.require("bias"));
        HostTensor weight = checkpoint.require("weight");
        assertEquals("[2, 2]", weight.shapeString());
        assertArrayEquals(new float[] {1f, -2f, 0.5f, 3f}, weight.toFloats());
    }

    @Test
    void writerProducesExactlyTheHandBuiltBytes() throws IOException {
        var tensors = new TreeMap<String, HostTensor>();
        tensors.put("weight", HostTensor.ofFloats(new long[] {2, 2}, new float[] {1, -2, 0.5f, 3}));
        tensors.put(
                "bias",
                new HostTensor(
                        DType.I64,
                        new long[] {2},
                        SafetensorsBytes.hex("07 00 00 00 00 00 00 00  ff ff ff ff ff ff ff ff")));
        Path file = dir.resolve("written.safetensors");

        Safetensors.write(file, new Checkpoint(Map.of("format", "pt"), tensors));

        assertArrayEquals(GOLDEN, Files.readAllBytes(file));
    }
}
