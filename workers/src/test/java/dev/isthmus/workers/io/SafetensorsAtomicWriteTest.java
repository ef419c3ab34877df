package dev.isthmus.workers.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writing goes through a temporary file that is renamed into place and never left behind. */
class SafetensorsAtomicWriteTest {
    @TempDir Path dir;

    @Test
    void writeLeavesOnlyTheTargetFile() throws IOException {
        Path file = dir.resolve("model.safetensors");

        Safetensors.write(file, checkpoint(1));

        assertEquals(List.of(file), listing());
    }

    @Test
    void overwriteReplacesTheOldContentAndLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("model.safetensors");
        Safetensors.write(file, checkpoint(1));

        Safetensors.write(file, checkpoint(2));

        assertEquals(checkpoint(2), Safetensors.read(file));
        assertEquals(List.of(file), listing());
    }

    @Test
    void writtenFileHasTheSamePermissionsAsAnyNewFile() throws IOException {
        assertNotNull(
                Files.getFileAttributeView(dir, PosixFileAttributeView.class), "POSIX file system");
        Path plain = Files.createFile(dir.resolve("plain"));
        Path file = dir.resolve("model.safetensors");

        Safetensors.write(file, checkpoint(1));

        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(file));
    }

    private List<Path> listing() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }

    private static Checkpoint checkpoint(float value) {
        return Checkpoint.of(
                Map.of("w", HostTensor.ofFloats(new long[] {2}, new float[] {value, value})));
    }
}
