package dev.isthmus.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;

/** The JSON kinds a spec field can hold, and which Java types map to each. */
enum JsonKind {
    STRING("a string"),
    INTEGER("an integer"),
    NUMBER("a number"),
    BOOLEAN("a boolean"),
    LIST("a list"),
    OBJECT("an object");

    private final String article;

    JsonKind(String article) {
        this.article = article;
    }

    /** The kind with its article, for messages: "an integer". */
    String described() {
        return article;
    }

    boolean matches(JsonNode node) {
        return switch (this) {
            case STRING -> node.isTextual();
            case INTEGER -> node.isIntegralNumber();
            case NUMBER -> node.isNumber();
            case BOOLEAN -> node.isBoolean();
            case LIST -> node.isArray();
            case OBJECT -> node.isObject();
        };
    }

    static JsonKind of(Type type) {
        Class<?> raw = raw(type);
        if (raw == String.class) {
            return STRING;
        } else if (raw == Integer.class
                || raw == Long.class
                || raw == int.class
                || raw == long.class) {
            return INTEGER;
        } else if (raw == Double.class || raw == double.class) {
            return NUMBER;
        } else if (raw == Boolean.class || raw == boolean.class) {
            return BOOLEAN;
        } else if (List.class.isAssignableFrom(raw)) {
            return LIST;
        } else if (Map.class.isAssignableFrom(raw) || raw.isRecord()) {
            return OBJECT;
        }
        // A spec type the structural check does not know: a bug here, not the user's input.
        throw new IllegalStateException("no JSON kind for " + type);
    }

    static Class<?> raw(Type type) {
        if (type instanceof ParameterizedType parameterized) {
            return (Class<?>) parameterized.getRawType();
        }
        return (Class<?>) type;
    }

    /** How a value reads in a message: {@code "many"}, {@code 2.5}, {@code a list}. */
    static String show(JsonNode node) {
        if (node.isArray()) {
            return LIST.article;
        } else if (node.isObject()) {
            return OBJECT.article;
        } else if (node.isTextual() && node.textValue().length() > 60) {
            return '"' + node.textValue().substring(0, 57) + "...\"";
        }
        return node.toString();
    }
}
