package dev.isthmus.workers.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isthmus.workers.exec.Errors;
import dev.isthmus.workers.store.CuttingProxy.Body;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An S3 run store whose server goes away in the middle of a transfer. A {@link CuttingProxy}
 * between the client and s3proxy cuts the connection after a set number of bytes of one object's
 * body, and with "then stop" keeps refusing connections, as a stopped server does, until it is
 * started again. Each fault ends in a sentence naming the object and how far the transfer got, is
 * retryable, leaves no partial object in the bucket or the cache, and the retry succeeds.
 */
class S3FaultsTest {
    private static final String PUT_BIG = "PUT /runs/faults/sweep/checkpoints/big";
    private static final String GET_BIG = "GET /runs/faults/sweep/checkpoints/big";
    private static final String BIG = "checkpoints/big.safetensors";
    private static final String URI_BIG = "s3://runs/faults/sweep/" + BIG;
    private static final byte[] FOUR_MB = new byte[4_000_000];

    private static S3Server server;
    private CuttingProxy proxy;

    @TempDir Path dir;

    @BeforeAll
    static void startServer() throws Exception {
        server = new S3Server();
        server.createBucket("runs");
        new Random(7).nextBytes(FOUR_MB);
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @BeforeEach
    void startProxy() throws Exception {
        proxy = new CuttingProxy(server.endpoint());
        System.setProperty("isthmus.s3.endpoint", proxy.endpoint().toString());
    }

    @AfterEach
    void stopProxy() {
        proxy.close();
        System.setProperty("isthmus.s3.endpoint", server.endpoint().toString());
        System.clearProperty("isthmus.s3.timeout");
        try (S3Client s3 = server.client()) {
            for (var o : s3.listObjectsV2(r -> r.bucket("runs")).contents()) {
                s3.deleteObject(r -> r.bucket("runs").key(o.key()));
            }
        }
    }

    private RunStore open(String cache) {
        System.setProperty("isthmus.cache", dir.resolve(cache).toString());
        try {
            return RunStore.open("s3://runs/faults", "sweep");
        } finally {
            System.clearProperty("isthmus.cache");
        }
    }

    private static boolean inBucket(String key) {
        try (S3Client s3 = server.client()) {
            return s3.listObjectsV2(r -> r.bucket("runs")).contents().stream()
                    .anyMatch(o -> o.key().equals("faults/sweep/" + key));
        }
    }

    private List<Path> files(String cache) throws Exception {
        Path root = dir.resolve(cache);
        if (!Files.exists(root)) return List.of();
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    private String endpoint() {
        return Pattern.quote("the S3 endpoint " + proxy.endpoint());
    }

    private static void assertMatches(String regex, String actual) {
        assertTrue(Pattern.matches(regex, actual), "expected /" + regex + "/, got: " + actual);
    }

    @Test
    void aServerStoppedDuringAnUploadFailsItClearlyStoresNothingAndTheRetrySucceeds()
            throws Exception {
        RunStore store = open("pod");
        proxy.cutAfter(Body.REQUEST, PUT_BIG, 1_000_000, 1, true);

        StoreException e = assertThrows(StoreException.class, () -> store.write(BIG, FOUR_MB));

        String m = Errors.oneLine(e);
        assertMatches(
                Pattern.quote("cannot upload " + URI_BIG + " after 4 attempts: the connection to ")
                        + endpoint()
                        + " closed during the upload, with [0-9.]+ MB of 4\\.0 MB written to it,"
                        + " and then nothing answers at "
                        + endpoint()
                        + " \\(connection refused\\)"
                        + CuttingProxy.NOT_STORED,
                m);
        assertTrue(Errors.retryable(e), "a stopped server is not the input's fault");
        assertEquals(1, proxy.cuts());
        assertFalse(inBucket(BIG), "a partial object reached the bucket");
        assertEquals(List.of(), files("pod"), "the cache kept what the bucket does not have");

        proxy.start(); // the server is back
        assertFalse(store.exists(BIG));
        store.write(BIG, FOUR_MB);
        assertArrayEquals(FOUR_MB, open("reader").read(BIG));
    }

    @Test
    void aConnectionDroppedOnceIsRetriedInsideTheClient() throws Exception {
        RunStore store = open("pod");
        proxy.cutAfter(Body.REQUEST, PUT_BIG, 1_000_000, 1, false);
        store.write(BIG, FOUR_MB);
        assertEquals(1, proxy.cuts(), "the fault was never injected");
        assertArrayEquals(FOUR_MB, open("reader").read(BIG));

        proxy.cutAfter(Body.RESPONSE, GET_BIG, 1_000_000, 1, false);
        assertArrayEquals(FOUR_MB, open("reader-2").read(BIG));
        assertEquals(2, proxy.cuts(), "the download fault was never injected");
    }

    @Test
    void aDownloadCutShortIsAClearErrorLeavesNothingCachedAndTheRetrySucceeds() throws Exception {
        open("writer").write(BIG, FOUR_MB);
        RunStore reader = open("reader");
        proxy.cutAfter(Body.RESPONSE, GET_BIG, 1_000_000, 1, true);

        StoreException e = assertThrows(StoreException.class, () -> reader.path(BIG));

        assertMatches(
                // 5 attempts: the one cut, then 4 refused
                Pattern.quote(
                                "cannot download "
                                        + URI_BIG
                                        + " after 5 attempts: the connection to ")
                        + endpoint()
                        + " closed during the download, after [0-9.]+ MB of 4\\.0 MB had arrived,"
                        + " and then nothing answers at "
                        + endpoint()
                        + " \\(connection refused\\)",
                Errors.oneLine(e));
        assertTrue(Errors.retryable(e));
        assertEquals(List.of(), files("reader"), "a partial download stayed in the cache");

        proxy.start();
        assertArrayEquals(FOUR_MB, reader.read(BIG));
    }

    @Test
    void aServerThatHangsIsGivenUpOnAfterTheTimeout() throws Exception {
        System.setProperty("isthmus.s3.timeout", "0.5");
        RunStore store = open("pod");
        proxy.hang();
        long start = System.nanoTime();
        StoreException e = assertThrows(StoreException.class, () -> store.exists("tasks/a.json"));
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(
                "cannot check s3://runs/faults/sweep/tasks/a.json after 4 attempts: the S3"
                        + " endpoint "
                        + proxy.endpoint()
                        + " did not answer within 0.5 s (ISTHMUS_S3_TIMEOUT)",
                Errors.oneLine(e));
        assertTrue(Errors.retryable(e));
        assertTrue(seconds < 10, "took " + seconds + " s");
        proxy.heal();
        assertFalse(store.exists("tasks/a.json"));
    }
}
