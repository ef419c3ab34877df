package dev.isthmus.workers.cli;

import dev.isthmus.api.plan.Stage;
import dev.isthmus.api.plan.Task;
import dev.isthmus.api.spec.ConnectivitySweep;
import dev.isthmus.workers.exec.SweepContext;
import dev.isthmus.workers.exec.TaskRunner;
import dev.isthmus.workers.progress.ConsoleProgress;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code isthmus task <stage> --index N --spec sweep.yaml}: runs one task of the plan, the unit a
 * cluster worker pod runs. Retries are the caller's business (Argo's retryStrategy).
 */
@Command(name = "task", description = "Run one task of a sweep's plan (what a worker pod runs).")
final class TaskCommand implements Callable<Integer> {

    @Parameters(paramLabel = "STAGE", description = "train, align, evaluate or aggregate.")
    String stage;

    @Option(names = "--index", required = true, description = "Task index within the stage.")
    int index;

    @Option(names = "--spec", required = true, description = "Sweep file (YAML or JSON).")
    Path file;

    @Option(
            names = "--store",
            description = "Run store folder or file:// URI (overrides the spec).")
    String store;

    @Override
    public Integer call() throws Exception {
        Stage s = Stage.parse(stage);
        ConnectivitySweep sweep = SpecFile.load(file);
        try (SweepContext ctx = SpecFile.open(file, sweep, store)) {
            Task task;
            try {
                task = ctx.plan().task(s, index);
            } catch (java.util.NoSuchElementException e) {
                throw new IllegalArgumentException("--index: " + e.getMessage(), e);
            }
            TaskRunner runner = new TaskRunner(ctx, t -> ConsoleProgress.stderr(t.id()));
            TaskRunner.Outcome outcome = runner.run(task, 1);
            System.err.println(
                    task.id()
                            + ": "
                            + (outcome == TaskRunner.Outcome.SKIPPED_DONE
                                    ? "already done"
                                    : "done"));
            return IsthmusCommand.OK;
        }
    }
}
