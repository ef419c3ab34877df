package dev.isthmus.workers.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File fingerprints: SHA-256 of the bytes, read once per path, size and modification time. */
class FingerprintsTest {
    @TempDir Path dir;

    @Test
    void aFileIsFingerprintedByTheSha256OfItsBytes() throws Exception {
        Path f = Files.writeString(dir.resolve("a.txt"), "abc");
        assertEquals(
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                new Fingerprints().of(f));
    }

    @Test
    void anAbsentFileOrAFolderIsMissing() {
        Fingerprints fingerprints = new Fingerprints();
        assertEquals(Fingerprints.MISSING, fingerprints.of(dir.resolve("absent")));
        assertEquals(Fingerprints.MISSING, fingerprints.of(dir));
    }

    @Test
    void aFileWrittenAgainGetsANewFingerprint() throws Exception {
        Fingerprints fingerprints = new Fingerprints();
        Path f = Files.writeString(dir.resolve("a.txt"), "abc");
        String before = fingerprints.of(f);
        Files.writeString(f, "abcd");
        assertNotEquals(before, fingerprints.of(f));
    }

    @Test
    void theSameSizeAndTimeAreNotReadAgain() throws Exception {
        Fingerprints fingerprints = new Fingerprints();
        Path f = Files.writeString(dir.resolve("a.txt"), "abc");
        FileTime time = Files.getLastModifiedTime(f);
        String first = fingerprints.of(f);
        // Same size, modification time put back: the cache answers without reading the file.
        Files.write(f, "xyz".getBytes(StandardCharsets.UTF_8));
        Files.setLastModifiedTime(f, time);
        assertEquals(first, fingerprints.of(f));
        assertNotEquals(first, new Fingerprints().of(f));
    }
}
