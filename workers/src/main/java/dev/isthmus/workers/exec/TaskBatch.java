package dev.isthmus.workers.exec;

import dev.isthmus.api.plan.Plan;
import dev.isthmus.api.plan.Stage;
import dev.isthmus.api.plan.Task;
import dev.isthmus.api.validation.BadInputException;
import dev.isthmus.workers.progress.ConsoleProgress;
import java.io.PrintStream;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The tasks one worker pod runs: batch {@code N} of size {@code B} is tasks {@code [N*B,
 * min((N+1)*B, n))} of a stage, run one after another in one process (sharing the loaded dataset).
 * A task whose inputs did not finish is not run. The pod-side twin of {@link LocalExecutor}: the
 * {@link Outcome} tells Argo (through the CLI's exit code) whether a retry can help, by the same
 * {@link Errors#retryable} rule the local executor retries by.
 */
public final class TaskBatch {

    /** How a batch ended, worst first. */
    public enum Outcome {
        /** Some task failed in a way a retry may fix. */
        RETRYABLE_FAILURE,
        /** Every failure was bad input: retrying would fail the same way. */
        BAD_INPUT,
        /** Every task is done. */
        DONE
    }

    private final SweepContext ctx;
    private final PrintStream err;

    public TaskBatch(SweepContext ctx, PrintStream err) {
        this.ctx = ctx;
        this.err = err;
    }

    /** The tasks of batch {@code index} of size {@code batch} of {@code stage}. */
    public static List<Task> select(Plan plan, Stage stage, int index, int batch) {
        if (batch < 1) {
            throw new BadInputException("--batch: must be >= 1, got " + batch);
        }
        if (batch == 1) {
            try {
                return List.of(plan.task(stage, index));
            } catch (NoSuchElementException e) {
                throw new BadInputException("--index: " + e.getMessage(), e);
            }
        }
        List<Task> tasks = plan.tasks(stage);
        long from = (long) index * batch;
        if (index < 0 || from >= tasks.size()) {
            throw new BadInputException(
                    "--index: no batch "
                            + index
                            + " of "
                            + batch
                            + " tasks: stage "
                            + stage.cliName()
                            + " has "
                            + tasks.size()
                            + " task(s)");
        }
        return tasks.subList((int) from, (int) Math.min(from + batch, tasks.size()));
    }

    /** Runs the tasks one after another; a lone task's failure is thrown instead. */
    public Outcome run(List<Task> tasks) {
        TaskRunner runner = new TaskRunner(ctx, t -> ConsoleProgress.stderr(t.id()));
        boolean retryable = false;
        boolean badInput = false;
        for (Task task : tasks) {
            try {
                requireInputs(runner, task);
                TaskRunner.Outcome outcome = runner.run(task, 1);
                err.println(
                        task.id()
                                + ": "
                                + (outcome == TaskRunner.Outcome.SKIPPED_DONE
                                        ? "already done"
                                        : "done"));
            } catch (RuntimeException e) {
                if (tasks.size() == 1) {
                    throw e;
                }
                err.println("isthmus: " + task.id() + ": " + Errors.oneLine(e));
                if (Errors.retryable(e)) {
                    retryable = true;
                } else {
                    badInput = true;
                }
            }
        }
        err.flush();
        if (retryable) {
            return Outcome.RETRYABLE_FAILURE;
        }
        return badInput ? Outcome.BAD_INPUT : Outcome.DONE;
    }

    /** Every input of the task is done (aggregation collects whatever finished). */
    private void requireInputs(TaskRunner runner, Task task) {
        if (task.stage() == Stage.AGGREGATE) {
            return;
        }
        for (String input : task.dependsOn()) {
            if (!runner.isDone(ctx.plan().task(input))) {
                throw new BadInputException(
                        task.id() + ": not run: its input " + input + " has not finished");
            }
        }
    }
}
