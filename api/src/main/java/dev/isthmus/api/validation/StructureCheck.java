package dev.isthmus.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Walks a parsed document alongside the spec record types, before binding, and reports unknown
 * fields and values of the wrong JSON kind. It returns a copy with those values taken out (list
 * elements become null so indices keep their meaning), which binds cleanly, so the semantic checks
 * can still run and every problem is reported at once.
 */
final class StructureCheck {

    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_-]+");
    private static final String ROOT = "document";
    private static final Map<Class<?>, RecordShape> SHAPES = new ConcurrentHashMap<>();

    private final ProblemCollector problems;

    private StructureCheck(ProblemCollector problems) {
        this.problems = problems;
    }

    /** The document without its ill-formed parts, or null if the root itself is ill-formed. */
    static JsonNode check(JsonNode root, Class<?> type, ProblemCollector problems) {
        return new StructureCheck(problems).walk(root.deepCopy(), type, "");
    }

    /** The checked node, or null when it must be dropped. */
    private JsonNode walk(JsonNode node, Type type, String path) {
        Class<?> raw = JsonKind.raw(type);
        if (raw.isRecord()) {
            return walkRecord(node, raw, path);
        }
        JsonKind kind = JsonKind.of(type);
        if (!kind.matches(node)) {
            return reject(path, "expected " + kind.described() + ", got " + JsonKind.show(node));
        }
        if (kind == JsonKind.INTEGER && !fits(node, raw)) {
            return reject(path, "is out of range, got " + node);
        }
        if (kind == JsonKind.LIST) {
            return walkList((ArrayNode) node, element(type, 0), path);
        }
        if (kind == JsonKind.OBJECT) {
            return walkMap((ObjectNode) node, element(type, 1), path);
        }
        return node;
    }

    private JsonNode walkRecord(JsonNode node, Class<?> record, String path) {
        RecordShape shape = SHAPES.computeIfAbsent(record, RecordShape::of);
        if (node.isObject() && shape.acceptsObject()) {
            return walkFields((ObjectNode) node, shape, path);
        }
        for (Type delegate : shape.delegates()) {
            if (JsonKind.of(delegate).matches(node)) {
                return walk(node, delegate, path);
            }
        }
        return reject(path, "expected " + shape.described() + ", got " + JsonKind.show(node));
    }

    private JsonNode walkFields(ObjectNode node, RecordShape shape, String path) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String fieldPath = child(path, field.getKey());
            Type fieldType = shape.fields().get(field.getKey());
            if (fieldType == null) {
                String expected = String.join(", ", shape.fields().keySet());
                reject(fieldPath, "unknown field (expected one of: " + expected + ")");
                fields.remove();
            } else if (!field.getValue().isNull()) {
                JsonNode checked = walk(field.getValue(), fieldType, fieldPath);
                if (checked == null) {
                    fields.remove();
                }
            }
        }
        return node;
    }

    private JsonNode walkList(ArrayNode node, Type elementType, String path) {
        for (int i = 0; i < node.size(); i++) {
            JsonNode element = node.get(i);
            if (fitsScalar(element, elementType)) {
                continue; // a long list of seeds costs no path strings
            }
            String elementPath = ProblemCollector.at(path, i);
            JsonNode checked =
                    element.isNull()
                            ? reject(
                                    elementPath, "expected " + expected(elementType) + ", got null")
                            : walk(element, elementType, elementPath);
            node.set(i, checked == null ? NullNode.getInstance() : checked);
        }
        return node;
    }

    /** Whether {@code node} is a valid plain scalar of {@code type}, needing no further check. */
    private static boolean fitsScalar(JsonNode node, Type type) {
        if (!(type instanceof Class<?> raw) || raw.isRecord() || !node.isValueNode()) {
            return false;
        }
        JsonKind kind = JsonKind.of(type);
        return kind != JsonKind.LIST
                && kind != JsonKind.OBJECT
                && kind.matches(node)
                && (kind != JsonKind.INTEGER || fits(node, raw));
    }

    private JsonNode walkMap(ObjectNode node, Type valueType, String path) {
        Iterator<Map.Entry<String, JsonNode>> entries = node.properties().iterator();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            String entryPath = child(path, entry.getKey());
            JsonNode value = entry.getValue();
            JsonNode checked =
                    value.isNull()
                            ? reject(entryPath, "expected " + expected(valueType) + ", got null")
                            : walk(value, valueType, entryPath);
            if (checked == null) {
                entries.remove();
            }
        }
        return node;
    }

    private JsonNode reject(String path, String message) {
        problems.reject(path.isEmpty() ? ROOT : path, message);
        return null;
    }

    private static String expected(Type type) {
        Class<?> raw = JsonKind.raw(type);
        return raw.isRecord()
                ? SHAPES.computeIfAbsent(raw, RecordShape::of).described()
                : JsonKind.of(type).described();
    }

    private static boolean fits(JsonNode node, Class<?> raw) {
        return raw == Integer.class || raw == int.class
                ? node.canConvertToInt()
                : node.canConvertToLong();
    }

    private static Type element(Type type, int argument) {
        if (type instanceof ParameterizedType parameterized) {
            return parameterized.getActualTypeArguments()[argument];
        }
        throw new BadInputException("raw collection type in spec: " + type);
    }

    static String child(String path, String key) {
        if (!PLAIN_KEY.matcher(key).matches()) {
            return path + "[\"" + key.replace("\"", "\\\"") + "\"]";
        }
        return path.isEmpty() ? key : path + "." + key;
    }
}
