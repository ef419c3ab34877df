package dev.isthmus.api.validation;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Jackson's parse and binding errors as one sentence a user can act on: where (line and column,
 * field path), what was found and what was expected, without Jackson's class names, token codes or
 * source descriptions.
 */
public final class ParseMessages {
    private ParseMessages() {}

    /** {@code line 3, column 7: <what>} or {@code <field path>: <what>}. */
    public static String sentence(JsonProcessingException e) {
        String where = where(e);
        return (where.isEmpty() ? "" : where + ": ") + what(e);
    }

    /** The line and column of {@code e}, or empty. */
    public static String where(JsonProcessingException e) {
        JsonLocation l = e.getLocation();
        if (l == null || l.getLineNr() <= 0) return "";
        return "line " + l.getLineNr() + ", column " + l.getColumnNr();
    }

    /** What went wrong, without the location. */
    public static String what(JsonProcessingException e) {
        if (e instanceof StreamConstraintsException) {
            String m = e.getOriginalMessage();
            if (m.contains("nesting depth")) return "is nested more than 1000 levels deep";
            if (m.contains("Number value length")) return "has a number of more than 1000 digits";
            if (m.contains("String value length")) return "has a string that is too long";
            return "is larger than a sweep or record can be";
        }
        if (e instanceof JsonEOFException)
            return "ends before the document does (is it truncated?)";
        if (e instanceof UnrecognizedPropertyException u) {
            String known =
                    u.getKnownPropertyIds() == null
                            ? ""
                            : " (expected one of: "
                                    + u.getKnownPropertyIds().stream()
                                            .map(Object::toString)
                                            .sorted()
                                            .collect(Collectors.joining(", "))
                                    + ")";
            String parent = path(u, "");
            int dot = Math.max(parent.lastIndexOf('.'), 0);
            parent = parent.substring(0, dot);
            return (parent.isEmpty() ? "" : parent + ": ")
                    + "unknown field "
                    + u.getPropertyName()
                    + known;
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            return path(m, "document") + ": expected " + kind(m.getTargetType());
        }
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            return path(m, "document") + ": " + clean(e.getOriginalMessage());
        }
        return clean(e.getOriginalMessage());
    }

    /**
     * Decodes UTF-8 text strictly; a file that is not text gets a sentence naming the first byte
     * that is not UTF-8 and where it is.
     *
     * @throws BadInputException naming {@code what}
     */
    public static String utf8(byte[] bytes, String what) {
        CharsetDecoder decoder =
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            return decoder.decode(in).toString();
        } catch (CharacterCodingException e) {
            // the decoder stops at the start of the malformed sequence
            throw new BadInputException(notText(bytes, in.position(), what));
        }
    }

    /** {@code what is not UTF-8 text (byte 0x8a at offset 12 is not valid UTF-8)}. */
    static String notText(byte[] bytes, int offset, String what) {
        return String.format(
                Locale.ROOT,
                "%sis not UTF-8 text (byte 0x%02x at offset %d is not valid UTF-8)",
                what.isEmpty() ? "" : what + " ",
                bytes[Math.min(offset, bytes.length - 1)] & 0xff,
                offset);
    }

    private static String path(JsonMappingException e, String root) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (out.length() > 0) out.append('.');
                out.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                out.append('[').append(r.getIndex()).append(']');
            }
        }
        return out.length() == 0 ? root : out.toString();
    }

    private static String kind(Class<?> type) {
        if (Collection.class.isAssignableFrom(type) || type.isArray()) return "a list";
        if (type == String.class) return "a string";
        if (type == Boolean.class || type == boolean.class) return "true or false";
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) return "a number";
        if (Map.class.isAssignableFrom(type) || type.isRecord()) return "an object";
        return "an object";
    }

    private static final Pattern UNEXPECTED =
            Pattern.compile(
                    "^(?:Unexpected character \\('(.+?)' \\(code -?\\d+\\)\\)"
                            + "|Unrecognized token '(.+?)')"
                            + ":? (?:was expecting|expected) ?(.*)$");

    /**
     * A syntax error in words: {@code found '}' where a field name in double quotes was expected}
     * instead of Jackson's {@code Unexpected character ('}' (code 125)): was expecting double-quote
     * to start field name}.
     */
    static String syntax(String message) {
        Matcher m = UNEXPECTED.matcher(message);
        if (!m.matches()) return null;
        String found = m.group(1) != null ? m.group(1) : m.group(2);
        String expected = m.group(3);
        String wanted;
        if (expected.contains("double-quote to start field name")) {
            wanted = "a field name in double quotes";
        } else if (expected.contains("JSON String, Number, Array, Object")) {
            wanted =
                    "a value (text in double quotes, a number, a list, an object, true, false or null)";
        } else if (expected.contains("comma to separate Object entries")) {
            wanted = "a comma between fields, or '}'";
        } else if (expected.contains("comma to separate Array entries")) {
            wanted = "a comma between items, or ']'";
        } else if (expected.contains("colon to separate field name and value")) {
            wanted = "a colon after the field name";
        } else {
            wanted = expected.replaceAll("\\s*\\(.*\\)", "").strip();
            if (wanted.isEmpty()) return "found '" + found + "', which does not belong there";
        }
        return "found '" + found + "' where " + wanted + " was expected";
    }

    /** Jackson's text without token codes, backquoted internals or trailing explanations. */
    private static String clean(String message) {
        String m = message == null ? "cannot be parsed" : message.lines().findFirst().orElse("");
        String syntax = syntax(m);
        if (syntax != null) return syntax;
        m = m.replaceAll(" \\(code -?\\d+\\)", "");
        m = m.replaceAll("\\s*\\(?`[^`]*`\\)?", "");
        m = m.replaceAll(" ?at \\[Source:.*$", "");
        m = m.replaceAll("\\b(?:[a-z]+\\.)+([A-Z]\\w*)", "$1");
        m = m.strip();
        if (m.isEmpty()) return "cannot be parsed";
        return m.substring(0, 1).toLowerCase(Locale.ROOT) + m.substring(1);
    }
}
