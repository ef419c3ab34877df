package dev.isthmus.workers.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.isthmus.api.validation.ParseMessages;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The JSON header of a safetensors file, parsed and checked against the format rules: every entry
 * well formed, and the tensors' byte ranges tiling the data section exactly.
 */
record SafetensorsHeader(Map<String, String> metadata, List<Entry> entries) {
    /** Same limit as the reference Rust implementation. */
    static final long MAX_HEADER_BYTES = 100_000_000;

    /** Largest byte array most JVMs will allocate. */
    static final long MAX_TENSOR_BYTES = Integer.MAX_VALUE - 8;

    static final JsonMapper JSON =
            JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private static final Set<String> ENTRY_KEYS = Set.of("dtype", "shape", "data_offsets");

    /**
     * One tensor's header entry; {@code begin} and {@code end} are relative to the data section.
     */
    record Entry(String name, DType dtype, long[] shape, long begin, long end) {
        int byteLength() {
            return Math.toIntExact(end - begin);
        }
    }

    /**
     * Parses {@code json} and checks it against a data section of {@code dataBytes} bytes.
     *
     * @return the metadata and the entries sorted by their position in the data section
     */
    static SafetensorsHeader parse(Path file, byte[] json, long dataBytes) {
        JsonNode root = readJson(file, json);
        Map<String, String> metadata = new TreeMap<>();
        List<Entry> entries = new ArrayList<>();
        for (var field : root.properties()) {
            if (field.getKey().equals(Checkpoint.METADATA_KEY)) {
                metadata = parseMetadata(file, field.getValue());
            } else {
                entries.add(parseEntry(file, field.getKey(), field.getValue(), dataBytes));
            }
        }
        entries.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        checkTiling(file, entries, dataBytes);
        return new SafetensorsHeader(metadata, entries);
    }

    private static JsonNode readJson(Path file, byte[] json) {
        String text;
        try {
            text =
                    StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(json))
                            .toString();
        } catch (CharacterCodingException e) {
            throw new CheckpointException(file, "header is not valid UTF-8", e);
        }
        JsonNode root;
        try (JsonParser parser = JSON.createParser(text)) {
            root = JSON.readTree(parser);
            if (parser.nextToken() != null) {
                throw new CheckpointException(
                        file, "header has more JSON after the object, at " + where(parser));
            }
        } catch (JsonProcessingException e) {
            throw new CheckpointException(
                    file, "header is not valid JSON (" + ParseMessages.sentence(e) + ")", e);
        } catch (IOException e) {
            // Declared by Jackson 2 even for in-memory text; not expected in practice.
            throw new CheckpointException(file, "cannot parse the header: " + e, e);
        }
        if (root == null || !root.isObject()) {
            String found = root == null ? "nothing" : root.getNodeType().toString().toLowerCase();
            throw new CheckpointException(file, "header must be a JSON object, found " + found);
        }
        return root;
    }

    private static Map<String, String> parseMetadata(Path file, JsonNode node) {
        if (!node.isObject()) {
            throw new CheckpointException(
                    file,
                    Checkpoint.METADATA_KEY
                            + " must be an object of strings, found "
                            + brief(node));
        }
        Map<String, String> metadata = new TreeMap<>();
        for (var field : node.properties()) {
            if (!field.getValue().isTextual()) {
                throw new CheckpointException(
                        file,
                        Checkpoint.METADATA_KEY
                                + " value for "
                                + field.getKey()
                                + " must be a string, found "
                                + brief(field.getValue()));
            }
            metadata.put(field.getKey(), field.getValue().textValue());
        }
        return metadata;
    }

    private static Entry parseEntry(Path file, String name, JsonNode node, long dataBytes) {
        Set<String> keys = new TreeSet<>();
        node.fieldNames().forEachRemaining(keys::add);
        if (!node.isObject() || !keys.equals(ENTRY_KEYS)) {
            throw new CheckpointException(
                    file,
                    name,
                    "entry must be an object with exactly dtype, shape and data_offsets, found "
                            + brief(node));
        }
        DType dtype = parseDType(file, name, node.get("dtype"));
        long[] shape = parseNonNegativeLongs(file, name, "shape", node.get("shape"), -1);
        long[] offsets =
                parseNonNegativeLongs(file, name, "data_offsets", node.get("data_offsets"), 2);
        long begin = offsets[0];
        long end = offsets[1];
        String range = "data_offsets [" + begin + ", " + end + "]";
        if (begin > end) {
            throw new CheckpointException(file, name, range + " must not end before they begin");
        }
        long needed;
        try {
            needed = HostTensor.byteLength(dtype, shape);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(file, name, e.getMessage());
        }
        if (end - begin != needed) {
            throw new CheckpointException(
                    file,
                    name,
                    String.format(
                            "%s hold %d bytes but %s shape %s needs %d",
                            range, end - begin, dtype, HostTensor.shapeString(shape), needed));
        }
        if (needed > MAX_TENSOR_BYTES) {
            throw new CheckpointException(
                    file,
                    name,
                    String.format(
                            "%d bytes is more than a Java array can hold (%d)",
                            needed, MAX_TENSOR_BYTES));
        }
        if (end > dataBytes) {
            throw new CheckpointException(
                    file,
                    name,
                    String.format(
                            "%s reach past the end of the %d-byte data section; the file looks"
                                    + " truncated",
                            range, dataBytes));
        }
        return new Entry(name, dtype, shape, begin, end);
    }

    private static DType parseDType(Path file, String name, JsonNode node) {
        if (!node.isTextual()) {
            throw new CheckpointException(
                    file, name, "dtype must be a string, found " + brief(node));
        }
        return DType.fromSafetensorsName(node.textValue())
                .orElseThrow(
                        () ->
                                new CheckpointException(
                                        file,
                                        name,
                                        "unknown dtype "
                                                + brief(node)
                                                + "; expected one of "
                                                + List.of(DType.values())));
    }

    /** Reads an array of non-negative integers; {@code length} -1 allows any length. */
    private static long[] parseNonNegativeLongs(
            Path file, String name, String key, JsonNode node, int length) {
        String expected =
                length < 0
                        ? " must be an array of non-negative integers, found "
                        : " must be " + length + " non-negative integers, found ";
        if (!node.isArray() || (length >= 0 && node.size() != length)) {
            throw new CheckpointException(file, name, key + expected + brief(node));
        }
        long[] values = new long[node.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode value = node.get(i);
            if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
                throw new CheckpointException(file, name, key + expected + brief(node));
            }
            values[i] = value.longValue();
        }
        return values;
    }

    /** A JSON value for a message, cut short so a hostile header cannot flood the log. */
    private static String brief(JsonNode node) {
        String text = node.toString();
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }

    private static String where(JsonParser parser) {
        var location = parser.currentTokenLocation();
        return "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** Entries sorted by begin must cover [0, dataBytes) with no gap, overlap or leftover. */
    private static void checkTiling(Path file, List<Entry> sorted, long dataBytes) {
        long expectedBegin = 0;
        Entry previous = null;
        for (Entry entry : sorted) {
            if (entry.begin() < expectedBegin) {
                throw new CheckpointException(
                        file,
                        entry.name(),
                        String.format(
                                "data_offsets [%d, %d] overlap tensor %s at [%d, %d]",
                                entry.begin(),
                                entry.end(),
                                previous.name(),
                                previous.begin(),
                                previous.end()));
            }
            if (entry.begin() > expectedBegin) {
                throw new CheckpointException(
                        file,
                        entry.name(),
                        String.format(
                                "data_offsets [%d, %d] leave a hole: bytes [%d, %d) of the data"
                                        + " section belong to no tensor",
                                entry.begin(), entry.end(), expectedBegin, entry.begin()));
            }
            expectedBegin = entry.end();
            previous = entry;
        }
        if (expectedBegin != dataBytes) {
            throw new CheckpointException(
                    file,
                    String.format(
                            "%d trailing bytes after the last tensor: the tensors cover %d bytes"
                                    + " but the data section has %d",
                            dataBytes - expectedBegin, expectedBegin, dataBytes));
        }
    }
}
