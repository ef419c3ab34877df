package dev.isthmus.workers.exec;

import dev.isthmus.api.plan.Plan;
import dev.isthmus.api.plan.Stage;
import dev.isthmus.api.plan.Task;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a plan on this machine, stage by stage, with {@code parallelism} tasks at a time. Failed
 * tasks are retried; tasks whose inputs failed are not run; aggregation always runs so the finished
 * part of the sweep keeps its results. Re-running resumes: finished tasks are skipped.
 */
public final class LocalExecutor {

    /**
     * How the run went.
     *
     * @param badInput the failed tasks whose failure came from the input (never retried)
     */
    public record Report(
            int ran, int skipped, List<String> failed, List<String> notRun, List<String> badInput) {
        public boolean ok() {
            return failed.isEmpty() && notRun.isEmpty();
        }

        /** Whether every failure came from the input, so that a re-run would fail the same way. */
        public boolean onlyBadInput() {
            return !failed.isEmpty() && badInput.containsAll(failed);
        }
    }

    private final TaskRunner runner;
    private final int parallelism;
    private final int retries;
    private final PrintStream log;
    private final Map<Task, Integer> running = new ConcurrentHashMap<>();

    public LocalExecutor(TaskRunner runner, int parallelism, int retries, PrintStream log) {
        this.runner = runner;
        this.parallelism = parallelism;
        this.retries = retries;
        this.log = log;
    }

    public Report run(Plan plan) {
        Set<String> bad = new HashSet<>();
        List<String> failed = new ArrayList<>();
        List<String> notRun = new ArrayList<>();
        List<String> badInput = new ArrayList<>();
        int[] ran = {0};
        int[] skipped = {0};
        ExecutorService pool =
                Executors.newFixedThreadPool(
                        parallelism,
                        r -> {
                            Thread t = new Thread(r, "isthmus-task");
                            t.setDaemon(true);
                            return t;
                        });
        try {
            for (Stage stage : Stage.values()) {
                List<Task> runnable = new ArrayList<>();
                for (Task t : plan.tasks(stage)) {
                    boolean blocked =
                            stage != Stage.AGGREGATE
                                    && t.dependsOn().stream().anyMatch(bad::contains);
                    if (blocked) {
                        bad.add(t.id());
                        notRun.add(t.id());
                    } else {
                        runnable.add(t);
                    }
                }
                List<Future<TaskRunner.Outcome>> futures = new ArrayList<>();
                for (Task t : runnable) futures.add(pool.submit(() -> attempt(t)));
                for (int i = 0; i < runnable.size(); i++) {
                    Task t = runnable.get(i);
                    try {
                        if (futures.get(i).get() == TaskRunner.Outcome.SKIPPED_DONE) skipped[0]++;
                        else ran[0]++;
                    } catch (ExecutionException e) {
                        bad.add(t.id());
                        failed.add(t.id());
                        if (Errors.badInput(e.getCause())) badInput.add(t.id());
                        log.println(t.id() + " failed: " + Errors.oneLine(e.getCause()));
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            pool.shutdownNow();
        }
        return new Report(ran[0], skipped[0], failed, notRun, badInput);
    }

    /** The tasks running right now, with their attempt: what a signal interrupts. */
    public Map<Task, Integer> running() {
        return Map.copyOf(running);
    }

    private TaskRunner.Outcome attempt(Task t) {
        for (int attempt = 1; ; attempt++) {
            try {
                running.put(t, attempt);
                return runner.run(t, attempt);
            } catch (RuntimeException e) {
                if (attempt > retries || !Errors.retryable(e)) throw e;
                log.println(
                        t.id() + " attempt " + attempt + " failed, retrying: " + Errors.oneLine(e));
            } finally {
                running.remove(t);
            }
        }
    }
}
