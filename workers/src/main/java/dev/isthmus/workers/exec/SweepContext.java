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
import dev.isthmus.workers.io.CheckpointLoader;
import dev.isthmus.workers.models.Model;
import dev.isthmus.workers.models.Models;
import dev.isthmus.workers.store.Fingerprints;
import dev.isthmus.workers.store.RunStore;
import java.nio.file.Path;

/**
 * Everything a task needs besides its index: the sweep, its plan, the run store, the compute
 * device, and the dataset and model, loaded once per process and shared by concurrent tasks. File
 * fingerprints and checkpoint reading are their own classes ({@link Fingerprints}, {@link
 * CheckpointLoader}); this holds the ones of this sweep.
 */
public final class SweepContext implements AutoCloseable {
    private final ConnectivitySweep sweep;
    private final Plan plan;
    private final Path baseDir;
    private final RunStore store;
    private final NDManager manager;
    private final Fingerprints fingerprints = new Fingerprints();
    private Dataset dataset;
    private Model model;
    private CheckpointLoader checkpoints;

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
            model = Models.create(spec().model(), d.features(), d.classes(), baseDir);
        }
        return model;
    }

    /** The file holding an endpoint's weights: in the run store if trained, else its uri. */
    public Path endpointFile(Endpoint e) {
        if (e.trained()) return store.path(Layout.trainedCheckpoint(plan.task(e.trainTask())));
        return Layout.checkpointFile(e, baseDir);
    }

    /** The fingerprints of files, cached for this process (see {@link TaskRunner}). */
    public Fingerprints fingerprints() {
        return fingerprints;
    }

    /** A location as written in records: store-relative, or absolute outside the store. */
    private Path resolve(String location) {
        Path p = Path.of(location);
        return p.isAbsolute() ? p : store.path(location);
    }

    /** Endpoint A and endpoint B as aligned to A by the given align task, both checked. */
    public AlignedPair alignedPair(String a, String alignTask) {
        Records.Aligned aligned =
                store.readJson(Layout.alignment(plan.task(alignTask)), Records.Aligned.class);
        return new AlignedPair(
                checkpoints().load(endpointFile(plan.endpoint(a))),
                checkpoints().load(resolve(aligned.checkpoint())));
    }

    /** Reads checkpoints and checks that they fit the sweep's model, naming the file if not. */
    public synchronized CheckpointLoader checkpoints() {
        if (checkpoints == null) {
            checkpoints = new CheckpointLoader(model().parameterShapes(), model().integerBuffers());
        }
        return checkpoints;
    }

    @Override
    public void close() {
        manager.close();
    }
}
