package dev.isthmus.workers.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isthmus.workers.exec.Errors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A disk that fills up in the middle of a write, simulated by a writer that writes part of the
 * buffer and then fails as the kernel does ({@code ENOSPC}); the real thing on a 256 KiB tmpfs is
 * in the closing note. No half file is left and the previous version survives.
 */
class DiskFullTest {

    @Test
    void aWriteThatRunsOutOfSpaceLeavesNoHalfFileAndKeepsThePreviousVersion(@TempDir Path dir)
            throws IOException {
        RunStore good = new RunStore(dir);
        byte[] before = "{\"version\": 1}\n".getBytes(StandardCharsets.UTF_8);
        good.write("tasks/a.json", before);

        int[] calls = {0};
        RunStore full =
                new RunStore(
                        dir,
                        null,
                        (channel, buffer) -> {
                            if (calls[0]++ > 0) throw new IOException("No space left on device");
                            int half = buffer.remaining() / 2;
                            buffer.limit(buffer.position() + half);
                            channel.write(buffer);
                            buffer.limit(buffer.capacity());
                        });
        byte[] after = new byte[4096];
        StoreException e =
                assertThrows(StoreException.class, () -> full.write("tasks/a.json", after));

        assertEquals(
                "cannot write "
                        + dir.resolve("tasks/a.json")
                        + " (no space left on device); nothing was written, the previous version"
                        + " (if any) is kept",
                Errors.oneLine(e));
        assertTrue(Errors.retryable(e), "a full disk is not the input's fault");
        assertArrayEquals(before, Files.readAllBytes(dir.resolve("tasks/a.json")));
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> left = files.filter(Files::isRegularFile).toList();
            assertEquals(List.of(dir.resolve("tasks/a.json")), left, "a temporary file survived");
        }
        assertTrue(calls[0] >= 2, "the fault was never injected");
    }
}
