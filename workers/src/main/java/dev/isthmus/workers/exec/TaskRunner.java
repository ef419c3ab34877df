package dev.isthmus.workers.exec;

import dev.isthmus.api.plan.Stage;
import dev.isthmus.api.plan.Task;
import dev.isthmus.workers.engine.Autograd;
import dev.isthmus.workers.progress.Progress;
import dev.isthmus.workers.store.RunStore;
import java.util.List;
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

    public boolean isDone(Task task) {
        RunStore store = ctx.store();
        String m = Layout.manifest(task);
        if (!store.exists(m)) return false;
        Records.Manifest manifest = store.readJson(m, Records.Manifest.class);
        return task.key().equals(manifest.key())
                && manifest.outputs().stream().allMatch(store::exists);
    }

    /** Runs {@code task} unless already done; {@code attempt} counts from 1. */
    public Outcome run(Task task, int attempt) {
        if (isDone(task)) return Outcome.SKIPPED_DONE;
        long start = System.nanoTime();
        Autograd.off();
        try {
            List<String> outputs = stage(task.stage()).run(ctx, task, progress.apply(task));
            double seconds = (System.nanoTime() - start) / 1e9;
            ctx.store()
                    .writeJson(
                            Layout.manifest(task),
                            new Records.Manifest(task.id(), task.key(), outputs, seconds, attempt));
            ctx.store().delete(Layout.failure(task));
            return Outcome.DONE;
        } catch (RuntimeException e) {
            ctx.store()
                    .writeJson(
                            Layout.failure(task),
                            new Records.Failure(task.id(), task.key(), Errors.oneLine(e), attempt));
            throw e;
        }
    }

    private static StageTask stage(Stage stage) {
        return switch (stage) {
            case TRAIN -> new TrainTask();
            case ALIGN -> new AlignTask();
            case EVALUATE -> new EvaluateTask();
            case AGGREGATE -> new AggregateTask();
        };
    }

    /** The work of one stage. */
    interface StageTask {
        /** Runs the task and returns the store paths it wrote. */
        List<String> run(SweepContext ctx, Task task, Progress progress);
    }
}
