package dev.isthmus.workers.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isthmus.api.validation.BadInputException;
import dev.isthmus.workers.io.CheckpointException;
import dev.isthmus.workers.train.TrainingDivergedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Which failures are bad input (exit 2, never retried) and which a retry may fix (exit 1). */
class ErrorsTest {

    static List<Throwable> badInput() {
        return List.of(
                new BadInputException("--batch: must be >= 1, got 0"),
                new CheckpointException("a.safetensors", "not a safetensors file"),
                new NoSuchFileException("a.safetensors"),
                new TrainingDivergedException(3, 10, Float.NaN));
    }

    static List<Throwable> retryable() {
        return List.of(
                new IllegalArgumentException("a library's argument check"),
                new IllegalStateException("interrupted"),
                new UncheckedIOException(new IOException("connection reset")));
    }

    @ParameterizedTest
    @MethodSource("badInput")
    void badInputIsNotRetried(Throwable e) {
        assertTrue(Errors.badInput(e), e.toString());
        assertFalse(Errors.retryable(e));
    }

    @ParameterizedTest
    @MethodSource("retryable")
    void otherFailuresAreRetried(Throwable e) {
        assertFalse(Errors.badInput(e), e.toString());
        assertTrue(Errors.retryable(e));
    }

    @ParameterizedTest
    @MethodSource("badInput")
    void messagesAreOneLine(Throwable e) {
        assertEquals(-1, Errors.oneLine(e).indexOf('\n'));
    }
}
