package dev.isthmus.workers.exec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isthmus.api.plan.Planner;
import dev.isthmus.api.plan.Stage;
import dev.isthmus.api.plan.Task;
import dev.isthmus.api.spec.ConnectivitySweep;
import dev.isthmus.api.validation.SweepLoader;
import dev.isthmus.workers.progress.Progress;
import dev.isthmus.workers.report.Results;
import dev.isthmus.workers.store.CuttingProxy;
import dev.isthmus.workers.store.CuttingProxy.Body;
import dev.isthmus.workers.store.RunStore;
import dev.isthmus.workers.store.S3Server;
import dev.isthmus.workers.store.StoreException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Tasks on an S3 run store whose server stops in the middle of a transfer (a {@link CuttingProxy}
 * cuts the connection after a set number of bytes and then refuses connections until started
 * again). The task fails with a sentence naming the object, the failure is retryable, the retry
 * with the server back succeeds, and no reader ever takes a task for done unless its manifest and
 * every output it lists are whole in the bucket. Training is real (a 4 MB MLP on sparse parity).
 */
// Slow tier: about 9 s of cut transfers and their client-side timeouts.
@org.junit.jupiter.api.Tag("slow")
class S3TaskFaultsTest {
    /** About a million parameters: a 4.1 MB checkpoint. */
    private static final String SPEC =
            "apiVersion: isthmus.dev/v1alpha1\n"
                    + "kind: ConnectivitySweep\n"
                    + "metadata: {name: faults}\n"
                    + "spec:\n"
                    + "  model: {architecture: mlp, hidden: [1000, 1000]}\n"
                    + "  dataset: {name: sparse-parity, bits: 12, relevant: 2, trainExamples:"
                    + " 256, evalExamples: 64}\n"
                    + "  endpoints:\n"
                    + "    train: {seeds: [0, 1], epochs: 1, batchSize: 64}\n"
                    + "  alphas: 3\n"
                    + "  execution: {parallelism: 1, retries: 0, threads: 1}\n";

    private static S3Server server;
    private static ConnectivitySweep sweep;
    private CuttingProxy proxy;
    private String prefix; // one per test, so tests share no objects

    @TempDir Path dir;

    @BeforeAll
    static void startServer() throws Exception {
        server = new S3Server();
        server.createBucket("runs");
        sweep = SweepLoader.parse(SPEC, "faults.yaml");
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @BeforeEach
    void startProxy(TestInfo info) throws Exception {
        proxy = new CuttingProxy(server.endpoint());
        System.setProperty("isthmus.s3.endpoint", proxy.endpoint().toString());
        prefix = "t" + Math.abs(info.getDisplayName().hashCode());
    }

    @AfterEach
    void stopProxy() {
        proxy.close();
        System.setProperty("isthmus.s3.endpoint", server.endpoint().toString());
    }

    /** A process's view of the sweep: its own cache, the shared bucket. */
    private SweepContext pod(String name) {
        System.setProperty("isthmus.cache", dir.resolve(name).toString());
        try {
            return new SweepContext(
                    sweep, dir, RunStore.open("s3://runs/" + prefix, sweep.metadata().name()));
        } finally {
            System.clearProperty("isthmus.cache");
        }
    }

    private static TaskRunner runner(SweepContext ctx) {
        return new TaskRunner(ctx, t -> Progress.NONE);
    }

    private boolean inBucket(String relative) {
        String key = prefix + "/faults/" + relative;
        try (S3Client s3 = server.client()) {
            return s3.listObjectsV2(r -> r.bucket("runs").prefix(key)).contents().stream()
                    .anyMatch(o -> o.key().equals(key));
        }
    }

    /** Whether a process with an empty cache takes {@code task} for done. */
    private boolean doneForAFreshPod(Task task, String name) {
        try (SweepContext ctx = pod(name)) {
            return runner(ctx).isDone(task);
        }
    }

    private String uri(String relative) {
        return Pattern.quote("s3://runs/" + prefix + "/faults/" + relative);
    }

    private String endpoint() {
        return Pattern.quote("the S3 endpoint " + proxy.endpoint());
    }

    private static void assertMatches(String regex, String actual) {
        assertTrue(Pattern.matches(regex, actual), "expected /" + regex + "/, got: " + actual);
    }

    private Task train(int i) {
        return Planner.plan(sweep).tasks(Stage.TRAIN).get(i);
    }

    @Test
    void aServerStoppedDuringACheckpointUploadFailsTheTaskAndTheRetrySucceeds() throws Exception {
        Task train = train(0);
        String checkpoint = Layout.trainedCheckpoint(train);
        proxy.cutAfter(
                Body.REQUEST, "PUT /runs/" + prefix + "/faults/checkpoints/", 1_000_000, 1, true);
        try (SweepContext ctx = pod("pod-1")) {
            StoreException e = assertThrows(StoreException.class, () -> runner(ctx).run(train, 1));

            assertMatches(
                    "cannot upload "
                            + uri(checkpoint)
                            + " after 4 attempts: the connection to "
                            + endpoint()
                            + " closed during the upload, with [0-9.]+ MB of 4\\.1 MB written to it,"
                            + " and then nothing answers at "
                            + endpoint()
                            + " \\(connection refused\\)"
                            + CuttingProxy.NOT_STORED,
                    Errors.oneLine(e));
            assertTrue(Errors.retryable(e), "a stopped server is not the input's fault");
            // the failure record could not be written either; the task's own failure is reported
            assertEquals(1, e.getSuppressed().length);

            proxy.start(); // the server is back
            assertFalse(inBucket(checkpoint), "a partial checkpoint reached the bucket");
            assertFalse(inBucket(Layout.manifest(train)), "a manifest without its outputs");
            assertFalse(doneForAFreshPod(train, "reader-1"));
            assertFalse(runner(ctx).isDone(train), "the writer's own cache took it for done");

            assertEquals(TaskRunner.Outcome.DONE, runner(ctx).run(train, 2));
        }
        assertTrue(doneForAFreshPod(train, "reader-2"));
        try (SweepContext ctx = pod("reader-3")) {
            var m = ctx.store().readJson(Layout.manifest(train), Records.Manifest.class);
            assertEquals(2, m.attempts());
        }
    }

    @Test
    void aServerStoppedDuringTheManifestUploadLeavesTheTaskUndoneAndTheRetrySucceeds()
            throws Exception {
        Task train = train(0);
        proxy.cutAfter(Body.REQUEST, "PUT /runs/" + prefix + "/faults/tasks/train-", 100, 1, true);
        try (SweepContext ctx = pod("pod-1")) {
            StoreException e = assertThrows(StoreException.class, () -> runner(ctx).run(train, 1));

            assertMatches(
                    "cannot upload "
                            + uri(Layout.manifest(train))
                            + " after 4 attempts: the connection to "
                            + endpoint()
                            + " closed during the upload, with [0-9]+ B of [0-9]+ B written to it,"
                            + " and then nothing answers at "
                            + endpoint()
                            + " \\(connection refused\\)"
                            + CuttingProxy.NOT_STORED,
                    Errors.oneLine(e));
            assertTrue(Errors.retryable(e));
            assertEquals(1, proxy.cuts());

            proxy.start();
            // every output is whole in the bucket, but without its manifest the task is not done
            assertTrue(inBucket(Layout.trainedCheckpoint(train)));
            assertTrue(inBucket(Layout.endpointRecord(train)));
            assertFalse(inBucket(Layout.manifest(train)), "a partial manifest reached the bucket");
            assertFalse(doneForAFreshPod(train, "reader-1"));
            try (SweepContext agg = pod("aggregator")) {
                // the aggregation, in another pod, lists it as not finished
                runner(agg).run(agg.plan().tasks(Stage.AGGREGATE).get(0), 1);
                Results results = agg.store().readJson(Layout.RESULTS, Results.class);
                assertTrue(
                        results.failures().stream().anyMatch(f -> f.task().equals(train.id())),
                        results.failures().toString());
                assertFalse(results.timings().containsKey(train.id()));
            }

            assertEquals(TaskRunner.Outcome.DONE, runner(ctx).run(train, 2));
        }
        assertTrue(doneForAFreshPod(train, "reader-2"));
    }

    /** The first task that reads another's checkpoints, after running every task before it. */
    private Task firstReader() {
        Task next =
                Planner.plan(sweep).allTasks().stream()
                        .filter(t -> t.stage() == Stage.ALIGN || t.stage() == Stage.EVALUATE)
                        .findFirst()
                        .orElseThrow();
        try (SweepContext ctx = pod("earlier")) {
            for (Task t : ctx.plan().allTasks()) {
                if (t.equals(next)) break;
                runner(ctx).run(t, 1);
            }
        }
        return next;
    }

    @Test
    void aManifestReadCutShortIsARetryableFailureNotAnUnfinishedInput() throws Exception {
        Task next = firstReader();
        proxy.cutAfter(Body.RESPONSE, "GET /runs/" + prefix + "/faults/tasks/train-", 50, 1, true);
        try (SweepContext ctx = pod("later")) {
            TaskBatch batch = new TaskBatch(ctx, new PrintStream(new ByteArrayOutputStream()));
            StoreException e = assertThrows(StoreException.class, () -> batch.run(List.of(next)));
            assertMatches(
                    "cannot download "
                            + uri("tasks/train-")
                            + "[0-9a-f]{12}\\.json after 5 attempts: the connection to "
                            + endpoint()
                            + " closed during the download, after [0-9]+ B of [0-9]+ B had arrived,"
                            + " and then nothing answers at "
                            + endpoint()
                            + " \\(connection refused\\)",
                    Errors.oneLine(e));
            assertTrue(Errors.retryable(e), "an unreadable manifest is not an unfinished input");
            proxy.start();
            assertEquals(TaskBatch.Outcome.DONE, batch.run(List.of(next)));
        }
    }

    @Test
    void aDownloadCutWhileALaterTaskReadsAnInputFailsItClearlyAndTheRetrySucceeds()
            throws Exception {
        Task next = firstReader();
        proxy.cutAfter(
                Body.RESPONSE, "GET /runs/" + prefix + "/faults/checkpoints/", 1_000_000, 1, true);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (SweepContext ctx = pod("later")) {
            TaskBatch batch =
                    new TaskBatch(ctx, new PrintStream(log, true, StandardCharsets.UTF_8));
            StoreException e = assertThrows(StoreException.class, () -> batch.run(List.of(next)));

            assertMatches(
                    "cannot download "
                            + uri("checkpoints/")
                            + "seed-[01]-[0-9a-f]{12}\\.safetensors after 5 attempts: the connection"
                            + " to "
                            + endpoint()
                            + " closed during the download, after [0-9.]+ MB of 4\\.1 MB had"
                            + " arrived, and then nothing answers at "
                            + endpoint()
                            + " \\(connection refused\\)",
                    Errors.oneLine(e));
            assertTrue(Errors.retryable(e), "an unreadable input is not an unfinished one");
            try (Stream<Path> files = Files.walk(ctx.store().root())) {
                assertEquals(
                        List.of(),
                        files.filter(f -> f.toString().endsWith(".safetensors"))
                                .filter(f -> !f.toString().contains("~"))
                                .toList(),
                        "a partial checkpoint stayed in the cache");
            }
            proxy.start();
            assertFalse(inBucket(Layout.manifest(next)));
            assertEquals(TaskBatch.Outcome.DONE, batch.run(List.of(next)));
        }
        assertTrue(doneForAFreshPod(next, "reader"));
    }

    @Test
    void anObjectThatDoesNotMatchItsManifestIsNotDoneAndIsRedone() throws Exception {
        Task train = train(1);
        String checkpoint = Layout.trainedCheckpoint(train);
        try (SweepContext ctx = pod("pod-1")) {
            assertEquals(TaskRunner.Outcome.DONE, runner(ctx).run(train, 1));
        }
        byte[] whole;
        String key = prefix + "/faults/" + checkpoint;
        try (S3Client s3 = server.client()) {
            whole = s3.getObjectAsBytes(r -> r.bucket("runs").key(key)).asByteArray();
            // what a non-atomic server, or a hand-made copy, could leave: the first half
            s3.putObject(
                    r -> r.bucket("runs").key(key),
                    RequestBody.fromBytes(java.util.Arrays.copyOf(whole, whole.length / 2)));
        }
        assertFalse(doneForAFreshPod(train, "reader-1"), "a half checkpoint passed for done");
        try (SweepContext ctx = pod("pod-2")) {
            assertEquals(TaskRunner.Outcome.DONE, runner(ctx).run(train, 2));
        }
        assertTrue(doneForAFreshPod(train, "reader-2"));
        try (S3Client s3 = server.client()) {
            assertArrayEquals(
                    whole, s3.getObjectAsBytes(r -> r.bucket("runs").key(key)).asByteArray());
        }
    }
}
