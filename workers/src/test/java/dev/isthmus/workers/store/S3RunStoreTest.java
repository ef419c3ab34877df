package dev.isthmus.workers.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run store on S3: what one process writes, another (with an empty cache) reads. */
class S3RunStoreTest {
    private static S3Server server;

    @BeforeAll
    static void start() throws Exception {
        server = new S3Server();
        server.createBucket("runs");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static RunStore open(Path cache) {
        System.setProperty("isthmus.cache", cache.toString());
        try {
            return RunStore.open("s3://runs/nightly/", "sweep");
        } finally {
            System.clearProperty("isthmus.cache");
        }
    }

    @Test
    void writesAreVisibleToAnotherCache(@TempDir Path dir) {
        RunStore writer = open(dir.resolve("pod-1"));
        byte[] bytes = "{\"x\": 1}".getBytes(StandardCharsets.UTF_8);
        writer.write("tasks/train-abc.json", bytes);

        RunStore reader = open(dir.resolve("pod-2"));
        assertTrue(reader.exists("tasks/train-abc.json"));
        assertFalse(reader.exists("tasks/train-def.json"));
        assertArrayEquals(bytes, reader.read("tasks/train-abc.json"));
        assertEquals(
                "s3://runs/nightly/sweep/tasks/train-abc.json",
                reader.describe("tasks/train-abc.json"));
        try (var s3 = server.client()) {
            List<String> keys =
                    s3.listObjectsV2(r -> r.bucket("runs")).contents().stream()
                            .map(o -> o.key())
                            .toList();
            assertTrue(keys.contains("nightly/sweep/tasks/train-abc.json"), keys.toString());
        }
    }

    @Test
    void aRewrittenRecordIsReadFreshAndADeleteReachesTheBucket(@TempDir Path dir) {
        RunStore a = open(dir.resolve("a"));
        RunStore b = open(dir.resolve("b"));
        a.write("results.json", "1".getBytes(StandardCharsets.UTF_8));
        assertEquals("1", new String(b.read("results.json"), StandardCharsets.UTF_8));
        a.write("results.json", "2".getBytes(StandardCharsets.UTF_8));
        assertEquals("2", new String(b.read("results.json"), StandardCharsets.UTF_8));

        a.delete("results.json");
        assertFalse(b.exists("results.json"));
        assertThrows(java.io.UncheckedIOException.class, () -> b.read("results.json"));
        assertFalse(Files.exists(b.root().resolve("results.json")));
    }

    @Test
    void aMissingBucketIsAClearError(@TempDir Path dir) {
        System.setProperty("isthmus.cache", dir.toString());
        RunStore store;
        try {
            store = RunStore.open("s3://no-such-bucket", "sweep");
        } finally {
            System.clearProperty("isthmus.cache");
        }
        StoreException e =
                assertThrows(StoreException.class, () -> store.write("x.json", new byte[] {1}));
        assertEquals(
                "cannot upload s3://no-such-bucket/sweep/x.json: the bucket no-such-bucket does not"
                        + " exist",
                e.getMessage());
    }
}
