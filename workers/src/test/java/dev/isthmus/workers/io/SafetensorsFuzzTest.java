package dev.isthmus.workers.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;

/**
 * Jazzer fuzz target for the safetensors reader: any file is read or refused with a {@link
 * CheckpointException}; a file that reads writes back to one that reads the same. Seeds (real
 * checkpoints, truncations, hostile headers) and findings: {@code SafetensorsFuzzTestInputs}.
 */
@Tag("fuzz")
class SafetensorsFuzzTest {

    private static final Path FILE;
    private static final Path COPY;

    static {
        try {
            Path dir = Files.createTempDirectory("safetensors-fuzz");
            dir.toFile().deleteOnExit();
            FILE = dir.resolve("input.safetensors");
            COPY = dir.resolve("copy.safetensors");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "120s")
    void read(byte[] data) throws IOException {
        Files.write(FILE, data);
        Checkpoint c;
        try {
            c = Safetensors.read(FILE);
        } catch (CheckpointException refused) {
            return;
        }
        Safetensors.write(COPY, c);
        Checkpoint again = Safetensors.read(COPY);
        assertEquals(c.metadata(), again.metadata());
        assertEquals(c.tensors().keySet(), again.tensors().keySet());
    }
}
