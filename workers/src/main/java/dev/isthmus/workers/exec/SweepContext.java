package dev.isthmus.workers.exec;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import dev.isthmus.api.plan.Endpoint;
import dev.isthmus.api.plan.Plan;
import dev.isthmus.api.plan.Planner;
import dev.isthmus.api.spec.ConnectivitySweep;
import dev.isthmus.api.spec.SweepSpec;
import dev.isthmus.workers.data.Dataset;
import dev.isthmus.workers.data.Datasets;
import dev.isthmus.workers.engine.Compute;
import dev.isthmus.workers.io.Checkpoint;
import dev.isthmus.workers.io.Safetensors;
import dev.isthmus.workers.io.ShapeCheck;
import dev.isthmus.workers.models.Model;
import dev.isthmus.workers.models.Models;
import dev.isthmus.workers.store.RunStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Everything a task needs besides its index: the sweep, its plan, the run store, the compute
 * device, and the dataset and model, loaded once per process and shared by concurrent tasks.
 */
public final class SweepContext implements AutoCloseable {
    private final ConnectivitySweep sweep;
    private final Plan plan;
    private final Path baseDir;
    private final RunStore store;
    private final NDManager manager;
    private final Map<String, String> fingerprints = new ConcurrentHashMap<>();
    private Dataset dataset;
    private Model model;

    public SweepContext(ConnectivitySweep sweep, Path baseDir, RunStore store) {
        this.sweep = sweep;
        this.plan = Planner.plan(sweep);
        this.baseDir = baseDir;
        this.store = store;
        int threads = spec().execution().threads();
        Device device = Compute.device(spec().execution().device(), threads);
        this.manager = Compute.manager(device, threads);
    }

    public ConnectivitySweep sweep() {
        return sweep;
    }

    public SweepSpec spec() {
        return sweep.spec();
    }

    public Plan plan() {
        return plan;
    }

    public RunStore store() {
        return store;
    }

    public NDManager manager() {
        return manager;
    }

    public synchronized Dataset dataset() {
        if (dataset == null) dataset = Datasets.load(spec().dataset(), spec().seeds(), baseDir);
        return dataset;
    }

    public synchronized Model model() {
        if (model == null) {
            Dataset d = dataset();
            model = Models.create(spec().model(), d.features(), d.classes());
        }
        return model;
    }

    /** The file holding an endpoint's weights: in the run store if trained, else its uri. */
    public Path endpointFile(Endpoint e) {
        if (e.trained()) return store.path(Layout.trainedCheckpoint(plan.task(e.trainTask())));
        return Layout.checkpointFile(e, baseDir);
    }

    /**
     * Hex SHA-256 of a file's bytes ({@code "missing"} if absent), cached per path, size and
     * modification time so that checking many tasks reads each file once.
     */
    public String fingerprint(Path file) {
        try {
            if (!Files.isRegularFile(file)) return "missing";
            String stamp =
                    file.toAbsolutePath()
                            + "|"
                            + Files.size(file)
                            + "|"
                            + Files.getLastModifiedTime(file).toMillis();
            return fingerprints.computeIfAbsent(stamp, k -> sha256(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A location as written in records: store-relative, or absolute outside the store. */
    public Path resolve(String location) {
        Path p = Path.of(location);
        return p.isAbsolute() ? p : store.path(location);
    }

    /** Endpoint A and endpoint B as aligned to A by the given align task, both checked. */
    public Checkpoint[] alignedPair(String a, String alignTask) {
        Records.Aligned aligned =
                store.readJson(Layout.alignment(plan.task(alignTask)), Records.Aligned.class);
        return new Checkpoint[] {
            loadCheckpoint(endpointFile(plan.endpoint(a))),
            loadCheckpoint(resolve(aligned.checkpoint()))
        };
    }

    /** Reads a checkpoint and checks that it fits the sweep's model, naming the file if not. */
    public Checkpoint loadCheckpoint(Path file) {
        Checkpoint c = Safetensors.read(file);
        ShapeCheck.requireShapes(
                file.toString(), c, model().parameterShapes(), model().integerBuffers());
        return c;
    }

    @Override
    public void close() {
        manager.close();
    }
}
