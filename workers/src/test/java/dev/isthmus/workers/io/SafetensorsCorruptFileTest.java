package dev.isthmus.workers.io;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every broken file is rejected with a message naming the file, the tensor and the rule. */
class SafetensorsCorruptFileTest {
    private static final String W =
            "\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}";

    @TempDir Path dir;

    static Stream<Arguments> corruptFiles() {
        return Stream.of(
                bad(
                        "shorter than the length prefix",
                        new byte[3],
                        "truncated: the file has 3 bytes, fewer than the 8-byte header length prefix"),
                bad(
                        "header longer than the file",
                        header(312, "{}"),
                        "truncated: header says 312 bytes but the file has 2 after the length prefix"),
                bad(
                        "absurd header length",
                        header(200_000_000, "{}"),
                        "header length 200000000 is over the 100000000-byte limit"),
                bad(
                        "header length with the top bit set",
                        header(-1, "{}"),
                        "header length 18446744073709551615 is over the 100000000-byte limit"),
                bad(
                        "header not UTF-8",
                        SafetensorsBytes.file(
                                8, SafetensorsBytes.hex("7b 22 ff 22 3a 31 7d 20"), new byte[0]),
                        "header is not valid UTF-8"),
                bad("header not JSON", json("{\"w\":", 0), "header is not valid JSON"),
                bad(
                        "header a JSON array",
                        json("[1, 2]", 0),
                        "header must be a JSON object, found array"),
                bad(
                        "two JSON values",
                        json("{}  {}", 0),
                        "header has more JSON after the object, at line 1, column 5"),
                bad(
                        "garbage after the JSON object",
                        json("{} x", 0),
                        "header is not valid JSON (line 1, column 5: found 'x' where a value"),
                bad(
                        "duplicate tensor",
                        json("{" + W + "," + W + "}", 8),
                        "header is not valid JSON",
                        "duplicate field 'w'"),
                bad(
                        "duplicate metadata key",
                        json("{\"__metadata__\":{\"a\":\"1\",\"a\":\"2\"}}", 0),
                        "header is not valid JSON",
                        "duplicate field 'a'"),
                bad(
                        "entry not an object",
                        json("{\"w\":5}", 0),
                        "tensor w: entry must be an object with exactly dtype, shape and data_offsets, found 5"),
                bad(
                        "entry without data_offsets",
                        json("{\"w\":{\"dtype\":\"F32\",\"shape\":[0]}}", 0),
                        "tensor w: entry must be an object with exactly dtype, shape and data_offsets"),
                bad(
                        "entry with an extra key",
                        json(
                                "{\"w\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[0,0],\"x\":1}}",
                                0),
                        "tensor w: entry must be an object with exactly dtype, shape and data_offsets"),
                bad(
                        "unknown dtype",
                        entry("\"Q4\"", "[2]", "[0,8]", 8),
                        "tensor w: unknown dtype \"Q4\"; expected one of [F64, F32"),
                bad(
                        "dtype not a string",
                        entry("4", "[2]", "[0,8]", 8),
                        "tensor w: dtype must be a string, found 4"),
                bad(
                        "negative dimension",
                        entry("\"F32\"", "[-2]", "[0,8]", 8),
                        "tensor w: shape must be an array of non-negative integers, found [-2]"),
                bad(
                        "fractional dimension",
                        entry("\"F32\"", "[2.0]", "[0,8]", 8),
                        "tensor w: shape must be an array of non-negative integers, found [2.0]"),
                bad(
                        "shape not an array",
                        entry("\"F32\"", "2", "[0,8]", 8),
                        "tensor w: shape must be an array of non-negative integers, found 2"),
                bad(
                        "one data offset",
                        entry("\"F32\"", "[2]", "[8]", 8),
                        "tensor w: data_offsets must be 2 non-negative integers, found [8]"),
                bad(
                        "three data offsets",
                        entry("\"F32\"", "[2]", "[0,4,8]", 8),
                        "tensor w: data_offsets must be 2 non-negative integers, found [0,4,8]"),
                bad(
                        "negative data offset",
                        entry("\"F32\"", "[2]", "[-8,0]", 8),
                        "tensor w: data_offsets must be 2 non-negative integers, found [-8,0]"),
                bad(
                        "data offset as a string",
                        entry("\"F32\"", "[2]", "[\"0\",8]", 8),
                        "tensor w: data_offsets must be 2 non-negative integers"),
                bad(
                        "data offset beyond a long",
                        entry("\"F32\"", "[2]", "[0,99999999999999999999]", 8),
                        "tensor w: data_offsets must be 2 non-negative integers"),
                bad(
                        "begin after end",
                        entry("\"F32\"", "[0]", "[8,0]", 8),
                        "tensor w: data_offsets [8, 0] must not end before they begin"),
                bad(
                        "byte length not numel times dtype size",
                        json(
                                "{\"layers.0.weight\":{\"dtype\":\"F32\",\"shape\":[5,10],\"data_offsets\":[0,100]}}",
                                100),
                        "tensor layers.0.weight: data_offsets [0, 100] hold 100 bytes but F32 shape [5, 10] needs 200"),
                bad(
                        "shape with more than 2^63 bytes",
                        entry("\"F32\"", "[4611686018427387904,4]", "[0,8]", 8),
                        "tensor w: shape [4611686018427387904, 4] has more than 2^63 elements"),
                bad(
                        "tensor too large for a Java array",
                        entry("\"U8\"", "[3000000000]", "[0,3000000000]", 8),
                        "tensor w: 3000000000 bytes is more than a Java array can hold"),
                bad(
                        "offsets past the data section",
                        entry("\"F32\"", "[2]", "[0,8]", 4),
                        "tensor w: data_offsets [0, 8] reach past the end of the 4-byte data section"),
                bad(
                        "overlapping tensors",
                        json(
                                "{"
                                        + W
                                        + ",\"v\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}",
                                12),
                        "tensor v: data_offsets [4, 12] overlap tensor w at [0, 8]"),
                bad(
                        "hole between tensors",
                        json(
                                "{"
                                        + W
                                        + ",\"v\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[12,20]}}",
                                20),
                        "tensor v: data_offsets [12, 20] leave a hole: bytes [8, 12) of the data section belong to no tensor"),
                bad(
                        "hole before the first tensor",
                        entry("\"F32\"", "[2]", "[4,12]", 12),
                        "tensor w: data_offsets [4, 12] leave a hole: bytes [0, 4)"),
                bad(
                        "trailing bytes",
                        json("{" + W + "}", 10),
                        "2 trailing bytes after the last tensor: the tensors cover 8 bytes but the data section has 10"),
                bad(
                        "metadata not an object",
                        json("{\"__metadata__\":[],\"w\":5}", 0),
                        "__metadata__ must be an object of strings, found []"),
                bad(
                        "metadata value not a string",
                        json("{\"__metadata__\":{\"epochs\":10}}", 0),
                        "__metadata__ value for epochs must be a string, found 10"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corruptFiles")
    void isRejectedWithAClearMessage(String rule, byte[] bytes, List<String> fragments)
            throws IOException {
        Path file = Files.write(dir.resolve("bad.safetensors"), bytes);

        var e = assertThrows(CheckpointException.class, () -> Safetensors.read(file));

        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        for (String fragment : fragments) {
            assertTrue(
                    e.getMessage().contains(fragment),
                    () -> "'" + fragment + "' not in: " + e.getMessage());
        }
    }

    /**
     * Cut points: inside the prefix, inside the header, at the data, inside and at the last tensor.
     */
    @ParameterizedTest(name = "cut at {0}")
    @ValueSource(ints = {0, 1, 7, 8, 9, 40, -33, -32, -31, -5, -1})
    void truncatedFileIsRejectedAsTruncated(int cut) throws IOException {
        var tensors = new TreeMap<String, HostTensor>();
        tensors.put("a", HostTensor.ofFloats(new long[] {4}, new float[] {1, 2, 3, 4}));
        tensors.put("b", HostTensor.ofFloats(new long[] {4}, new float[] {5, 6, 7, 8}));
        Path whole = dir.resolve("whole.safetensors");
        Safetensors.write(whole, new Checkpoint(Map.of("format", "pt"), tensors));
        byte[] bytes = Files.readAllBytes(whole);
        int length = cut >= 0 ? cut : bytes.length + cut;
        Path file = Files.write(dir.resolve("cut.safetensors"), Arrays.copyOf(bytes, length));

        var e = assertThrows(CheckpointException.class, () -> Safetensors.read(file));

        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    private static Arguments bad(String rule, byte[] bytes, String... fragments) {
        return Arguments.of(rule, bytes, List.of(fragments));
    }

    /** A file whose length prefix says {@code declared} but whose header is {@code json}. */
    private static byte[] header(long declared, String json) {
        return SafetensorsBytes.file(declared, json.getBytes(StandardCharsets.UTF_8), new byte[0]);
    }

    private static byte[] json(String json, int dataBytes) {
        return SafetensorsBytes.file(json, dataBytes);
    }

    /** A file with one tensor {@code w} whose header values are given as raw JSON. */
    private static byte[] entry(String dtype, String shape, String offsets, int dataBytes) {
        return json(
                "{\"w\":{\"dtype\":"
                        + dtype
                        + ",\"shape\":"
                        + shape
                        + ",\"data_offsets\":"
                        + offsets
                        + "}}",
                dataBytes);
    }
}
