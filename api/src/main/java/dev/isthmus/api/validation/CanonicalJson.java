package dev.isthmus.api.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/** Writes a JSON tree with sorted keys, no whitespace and no nulls: a stable input for hashing. */
final class CanonicalJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CanonicalJson() {}

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(canonical(node));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
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
