package dev.isthmus.workers.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.isthmus.api.validation.BadInputException;
import dev.isthmus.api.validation.ParseMessages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** The JSON mapper for every file Isthmus writes: indented, stable key order, no nulls. */
public final class Json {
    public static final ObjectMapper MAPPER =
            JsonMapper.builder()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                    .serializationInclusion(JsonInclude.Include.NON_NULL)
                    .build();

    private Json() {}

    public static byte[] bytes(Object value) {
        try {
            byte[] b = MAPPER.writeValueAsBytes(value);
            byte[] out = new byte[b.length + 1];
            System.arraycopy(b, 0, out, 0, b.length);
            out[b.length] = '\n';
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a record Isthmus wrote, or a file a user gave in its place.
     *
     * @throws BadInputException naming the file, where in it and what is wrong: a record that does
     *     not parse reads the same way on every attempt
     */
    public static <T> T read(byte[] json, Class<T> type, String source) {
        String text = ParseMessages.utf8(json, source);
        try {
            // one document: "{} {...}" is not a record followed by noise
            return MAPPER.readerFor(type)
                    .with(
                            com.fasterxml.jackson.databind.DeserializationFeature
                                    .FAIL_ON_TRAILING_TOKENS)
                    .readValue(text);
        } catch (JsonProcessingException e) {
            throw new BadInputException(
                    source
                            + ": not a valid "
                            + describe(type)
                            + " ("
                            + ParseMessages.sentence(e)
                            + ")",
                    e);
        }
    }

    /**
     * {@code Results} → {@code results file}, {@code TrainedEndpoint} → {@code trained endpoint
     * record}.
     */
    private static String describe(Class<?> type) {
        String words =
                type.getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        return words.equals("results") ? "results file" : words + " record";
    }

    public static String string(Object value) {
        return new String(bytes(value), StandardCharsets.UTF_8);
    }
}
