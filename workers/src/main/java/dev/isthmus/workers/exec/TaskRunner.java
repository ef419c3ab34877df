package dev.isthmus.workers.exec;

import dev.isthmus.api.plan.Endpoint;
import dev.isthmus.api.plan.Stage;
import dev.isthmus.api.plan.Task;
import dev.isthmus.api.plan.Work;
import dev.isthmus.api.validation.BadInputException;
import dev.isthmus.workers.engine.Autograd;
import dev.isthmus.workers.engine.Compute;
import dev.isthmus.workers.progress.Progress;
import dev.isthmus.workers.store.RunStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Runs one task: a pure function of (spec, index, inputs in the run store) to outputs in the run
 * store. A task whose manifest already carries its key is skipped; a failure is recorded in the
 * store so that aggregation (maybe in another pod) can report it.
 */
public final class TaskRunner {

    /** How a call to {@link #run} ended. */
    public enum Outcome {
        DONE,
        SKIPPED_DONE
    }

    private final SweepContext ctx;
    private final Function<Task, Progress> progress;

    public TaskRunner(SweepContext ctx, Function<Task, Progress> progress) {
        this.ctx = ctx;
        this.progress = progress;
    }

    public SweepContext context() {
        return ctx;
    }

    /**
     * Whether the task's outputs are in the store for its current key and inputs. Aggregation is
     * never "done": it is cheap, and re-running it picks up tasks that finished since.
     */
    public boolean isDone(Task task) {
        if (task.stage() == Stage.AGGREGATE) return false;
        RunStore store = ctx.store();
        String m = Layout.manifest(task);
        if (!store.exists(m)) return false;
        Records.Manifest manifest;
        try {
            manifest = store.readJson(m, Records.Manifest.class);
        } catch (BadInputException | java.io.UncheckedIOException unreadable) {
            return false; // e.g. emptied by an OS crash before it reached the disk: redo the task
        }
        // A store that cannot be read (StoreException) is not "not done": it propagates, and the
        // caller fails retryably instead of redoing finished work or calling an input unfinished.
        return task.key().equals(manifest.key())
                && manifest.outputs().stream().allMatch(store::exists)
                && externalInputs(task).equals(manifest.inputs())
                && unchanged(manifest);
    }

    /** Whether every output still has the bytes it was written with. */
    private boolean unchanged(Records.Manifest manifest) {
        if (manifest.hashes() == null) return false; // written before outputs were hashed: redo
        for (String output : manifest.outputs()) {
            String expected = manifest.hashes().get(output);
            if (expected == null
                    || !expected.equals(ctx.fingerprints().of(ctx.store().path(output)))) {
                return false;
            }
        }
        return true;
    }

    /**
     * What a task's outputs depend on beyond its plan key: fingerprints of the user's checkpoint
     * files it reads (the plan keys them by uri, since planning never reads files, so a file
     * replaced in place is caught here) and the kind of device that computed them.
     */
    private Map<String, String> externalInputs(Task task) {
        Map<String, String> inputs = new TreeMap<>();
        List<String> names = new ArrayList<>();
        if (task.work() instanceof Work.Align w) names.addAll(List.of(w.a(), w.b()));
        if (task.work() instanceof Work.Evaluate w) names.addAll(List.of(w.a(), w.b()));
        for (String name : names) {
            Endpoint e = ctx.plan().endpoint(name);
            if (!e.trained()) inputs.put(name, ctx.fingerprints().of(ctx.endpointFile(e)));
        }
        if (task.stage() == Stage.TRAIN || task.stage() == Stage.EVALUATE) {
            // GPU and CPU kernels round differently: outputs are only reused on the same kind.
            inputs.put("(device)", ctx.manager().getDevice().getDeviceType());
        }
        return inputs;
    }

    /** Runs {@code task} unless already done; {@code attempt} counts from 1. */
    public Outcome run(Task task, int attempt) {
        if (isDone(task)) return Outcome.SKIPPED_DONE;
        long start = System.nanoTime();
        Compute.bindThread();
        Autograd.off();
        try {
            Map<String, String> inputs = externalInputs(task);
            List<String> outputs = stage(task.stage()).run(ctx, task, progress.apply(task));
            double seconds = (System.nanoTime() - start) / 1e9;
            Map<String, String> hashes = new TreeMap<>();
            for (String output : outputs) {
                hashes.put(output, ctx.fingerprints().of(ctx.store().path(output)));
            }
            ctx.store()
                    .writeJson(
                            Layout.manifest(task),
                            new Records.Manifest(
                                    task.id(),
                                    task.key(),
                                    inputs,
                                    outputs,
                                    seconds,
                                    attempt,
                                    hashes));
            ctx.store().delete(Layout.failure(task));
            return Outcome.DONE;
        } catch (RuntimeException e) {
            try {
                ctx.store()
                        .writeJson(
                                Layout.failure(task),
                                new Records.Failure(
                                        task.id(), task.key(), Errors.oneLine(e), attempt));
            } catch (RuntimeException unrecorded) {
                // the store that failed the task may refuse the record too: the task's own
                // failure is the one to report
                e.addSuppressed(unrecorded);
            }
            throw e;
        }
    }

    private static StageTask stage(Stage stage) {
        return switch (stage) {
            case TRAIN -> new TrainTask();
            case ALIGN -> new AlignTask();
            case FIT_CURVE -> new FitCurveTask();
            case EVALUATE -> new EvaluateTask();
            case MERGE -> new MergeTask();
            case AGGREGATE -> new AggregateTask();
        };
    }

    /** The work of one stage. */
    interface StageTask {
        /** Runs the task and returns the store paths it wrote. */
        List<String> run(SweepContext ctx, Task task, Progress progress);
    }
}
