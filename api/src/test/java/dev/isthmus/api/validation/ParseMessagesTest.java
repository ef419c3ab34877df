package dev.isthmus.api.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Jackson's syntax errors, read from a real parser, come out as sentences in our words. */
class ParseMessagesTest {

    private static String sentenceFor(String json) {
        try {
            JsonMapper.builder().build().readTree(json);
        } catch (JsonProcessingException e) {
            return ParseMessages.sentence(e);
        }
        throw new AssertionError("parsed: " + json);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"a\": 1,}|line 1, column 9: found '}' where a field name in double quotes was"
                        + " expected",
                "[1, ]|line 1, column 5: found ']' where a value (text in double quotes, a number, a"
                        + " list, an object, true, false or null) was expected",
                "{\"a\": nope}|line 1, column 11: found 'nope' where a value (text in double quotes,"
                        + " a number, a list, an object, true, false or null) was expected",
                "{\"a\": 1 \"b\": 2}|line 1, column 9: found '\"' where a comma between fields, or"
                        + " '}' was expected",
                "[1 2]|line 1, column 4: found '2' where a comma between items, or ']' was expected",
                "{\"a\" 1}|line 1, column 6: found '1' where a colon after the field name was"
                        + " expected",
            })
    void syntaxErrorsAreSentences(String json, String sentence) {
        assertEquals(sentence, sentenceFor(json));
    }

    @Test
    void otherMessagesAreLeftToTheCleaner() {
        assertNull(ParseMessages.syntax("duplicate field 'w'"));
    }
}
