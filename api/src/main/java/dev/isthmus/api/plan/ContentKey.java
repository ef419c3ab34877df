package dev.isthmus.api.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/** Content keys: SHA-256 over canonical JSON (sorted keys, no nulls, no whitespace). */
public final class ContentKey {

    /**
     * Bumped when a change to the compute engine changes task outputs for the same inputs, so that
     * a run store never mixes results of different engine versions.
     */
    public static final int ENGINE_VERSION = 2;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ContentKey() {}

    /** Canonical JSON of {@code value}: equal values give equal strings. */
    public static String canonicalJson(Object value) {
        try {
            return MAPPER.writeValueAsString(canonical(MAPPER.valueToTree(value)));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Hex SHA-256 of the canonical JSON of {@code value}. */
    public static String of(Object value) {
        return sha256(canonicalJson(value));
    }

    public static String sha256(String text) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static JsonNode canonical(JsonNode node) {
        if (node.isObject()) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            node.properties()
                    .forEach(
                            field -> {
                                if (!field.getValue().isNull()) {
                                    sorted.put(field.getKey(), canonical(field.getValue()));
                                }
                            });
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            out.setAll(sorted);
            return out;
        }
        if (node.isArray()) {
            var out = JsonNodeFactory.instance.arrayNode(node.size());
            node.forEach(element -> out.add(canonical(element)));
            return out;
        }
        return node;
    }
}
