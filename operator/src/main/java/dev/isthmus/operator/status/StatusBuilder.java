package dev.isthmus.operator.status;

import dev.isthmus.api.result.RegressionGate;
import dev.isthmus.api.spec.RegressionSpec;
import dev.isthmus.operator.observe.RunObservation;
import dev.isthmus.operator.resource.ScheduledRun;
import dev.isthmus.operator.resource.SummaryRow;
import dev.isthmus.operator.resource.SweepStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Derives a sweep's status from what was observed (its Workflows) and the previous status (which
 * keeps the history of scheduled runs and what was already counted), so rebuilding it after a
 * restart gives the same status and counts nothing twice.
 */
public final class StatusBuilder {

    public static final String INVALID = "Invalid";
    public static final int HISTORY_LIMIT = 10;

    /** A run seen finished for the first time. */
    public record Completion(
            String workflow, String result, Duration duration, double gpuSeconds, int retries) {}

    /**
     * @param completions runs that finished since the previous status
     * @param regressions scheduled runs that failed their gate since the previous status
     */
    public record Outcome(
            SweepStatus status, List<Completion> completions, List<ScheduledRun> regressions) {}

    private final SweepStatus previous;
    private final long generation;
    private final String now;

    public StatusBuilder(SweepStatus previous, long generation, Instant now) {
        this.previous = previous;
        this.generation = generation;
        this.now = now.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** The status of a sweep whose spec cannot run: no Workflow, the problems in the message. */
    public SweepStatus invalid(String message) {
        Conditions conditions =
                new Conditions(previous == null ? null : previous.conditions(), generation, now)
                        .set("Ready", false, "InvalidSpec", message)
                        .set("Progressing", false, "InvalidSpec", "fix the spec to start a run");
        return new SweepStatus(
                INVALID,
                generation,
                null,
                null,
                null,
                null,
                previous == null ? null : previous.bestBarrier(),
                previous == null ? null : previous.summary(),
                previous == null ? null : previous.results(),
                null,
                conditions.list(),
                previous == null ? null : previous.history());
    }

    /**
     * The status of a valid sweep.
     *
     * @param workflow this generation's Workflow (or CronWorkflow) name
     * @param scheduled whether the sweep runs on a schedule
     * @param runs every Workflow of the sweep, observed
     */
    public Outcome observed(
            String workflow,
            boolean scheduled,
            List<RunObservation> runs,
            RegressionSpec gate,
            String results) {
        List<Completion> completions = new ArrayList<>();
        List<ScheduledRun> regressions = new ArrayList<>();
        List<ScheduledRun> history =
                scheduled ? history(runs, gate, completions, regressions) : previousHistory();
        RunObservation current = scheduled ? latestScheduled(runs) : named(runs, workflow);
        String phase = current == null ? RunObservation.PENDING : current.phase();
        if (!scheduled && current != null && current.finished() && !countedBefore(current)) {
            completions.add(completion(current));
        }
        List<SummaryRow> summary =
                current != null && !current.summary().isEmpty()
                        ? current.summary()
                        : previous == null ? null : previous.summary();
        Conditions conditions =
                new Conditions(previous == null ? null : previous.conditions(), generation, now);
        String kind = scheduled ? "CronWorkflow" : "Workflow";
        conditions.set("Ready", true, kind + "Created", kind + " " + workflow + " exists");
        boolean progressing = current != null && !current.finished();
        conditions.set(
                "Progressing",
                progressing,
                progressing ? phase : current == null ? "WaitingForRun" : "Finished",
                current == null
                        ? (scheduled
                                ? "waiting for the first scheduled run"
                                : "starting " + workflow)
                        : current.name() + " is " + phase + " (" + current.progress() + ")");
        List<String> failed = current == null ? List.of() : current.failedTasks();
        conditions.set(
                "Degraded",
                !failed.isEmpty(),
                failed.isEmpty() ? "NoFailedTasks" : "TaskFailed",
                failed.isEmpty() ? "no task failed" : String.join("; ", failed));
        if (current != null && current.finished()) {
            boolean ok = RunObservation.SUCCEEDED.equals(phase);
            conditions.set(
                    ok ? "Succeeded" : "Failed",
                    true,
                    ok ? "RunSucceeded" : "RunFailed",
                    current.name() + " " + phase.toLowerCase(java.util.Locale.ROOT));
        }
        if (scheduled && !history.isEmpty()) {
            ScheduledRun last = history.get(0);
            boolean regressed = Boolean.TRUE.equals(last.regressed());
            conditions.set(
                    "Regressed",
                    regressed,
                    regressed ? "GateFailed" : "GatePassed",
                    regressed
                            ? last.workflow() + ": " + String.join("; ", last.reasons())
                            : last.workflow() + " passed the regression gate");
        }
        SweepStatus status =
                new SweepStatus(
                        phase,
                        generation,
                        current == null ? "0/0" : current.progress(),
                        workflow,
                        current == null ? null : current.startedAt(),
                        current == null ? null : current.finishedAt(),
                        best(summary),
                        summary,
                        summary == null ? null : results,
                        failed.isEmpty() ? null : failed,
                        conditions.list(),
                        history.isEmpty() ? null : history);
        return new Outcome(status, completions, regressions);
    }

    private List<ScheduledRun> history(
            List<RunObservation> runs,
            RegressionSpec gate,
            List<Completion> completions,
            List<ScheduledRun> regressions) {
        List<ScheduledRun> history = new ArrayList<>(previousHistory());
        List<RunObservation> finished =
                runs.stream()
                        .filter(RunObservation::scheduled)
                        .filter(RunObservation::finished)
                        .filter(r -> history.isEmpty() || newer(r, history.get(0)))
                        .sorted(order())
                        .toList();
        for (RunObservation run : finished) {
            List<RegressionGate.Barrier> current = barriers(run.summary());
            Map<String, Double> barriers = RegressionGate.byKey(current);
            Map<String, Double> before = history.isEmpty() ? null : history.get(0).barriers();
            List<String> reasons =
                    RunObservation.SUCCEEDED.equals(run.phase())
                            ? RegressionGate.reasons(RegressionGate.check(gate, current, before))
                            : List.of();
            ScheduledRun entry =
                    new ScheduledRun(
                            run.name(),
                            run.phase(),
                            run.startedAt(),
                            run.finishedAt(),
                            barriers.isEmpty() ? null : barriers,
                            !reasons.isEmpty(),
                            reasons.isEmpty() ? null : reasons);
            history.add(0, entry);
            completions.add(completion(run));
            if (!reasons.isEmpty()) {
                regressions.add(entry);
            }
        }
        return List.copyOf(history.subList(0, Math.min(HISTORY_LIMIT, history.size())));
    }

    /**
     * Whether a run started after the newest one in the history (a run that fell off the bounded
     * history must not come back as new while Argo still keeps it).
     */
    private static boolean newer(RunObservation run, ScheduledRun newest) {
        int started =
                Objects.toString(run.startedAt(), "")
                        .compareTo(Objects.toString(newest.startedAt(), ""));
        return started > 0 || (started == 0 && run.name().compareTo(newest.workflow()) > 0);
    }

    private List<ScheduledRun> previousHistory() {
        return previous == null || previous.history() == null ? List.of() : previous.history();
    }

    private boolean countedBefore(RunObservation run) {
        return previous != null
                && run.name().equals(previous.workflow())
                && (RunObservation.SUCCEEDED.equals(previous.phase())
                        || RunObservation.FAILED.equals(previous.phase()));
    }

    private static RunObservation latestScheduled(List<RunObservation> runs) {
        return runs.stream().filter(RunObservation::scheduled).max(order()).orElse(null);
    }

    private static RunObservation named(List<RunObservation> runs, String name) {
        return runs.stream().filter(r -> r.name().equals(name)).findFirst().orElse(null);
    }

    private static Comparator<RunObservation> order() {
        return Comparator.comparing((RunObservation r) -> Objects.toString(r.startedAt(), ""))
                .thenComparing(RunObservation::name);
    }

    private static Completion completion(RunObservation run) {
        Duration duration = null;
        if (run.startedAt() != null && run.finishedAt() != null) {
            duration =
                    Duration.between(
                            Instant.parse(run.startedAt()), Instant.parse(run.finishedAt()));
        }
        return new Completion(run.name(), run.phase(), duration, run.gpuSeconds(), run.retries());
    }

    /** The status rows as the regression gate reads them. */
    private static List<RegressionGate.Barrier> barriers(List<SummaryRow> summary) {
        return summary.stream()
                .map(r -> new RegressionGate.Barrier(r.alignment(), r.path(), r.maxLossBarrier()))
                .toList();
    }

    /** The lowest worst-pair barrier over the gated rows, as {@code isthmus compare} gates. */
    static Double best(List<SummaryRow> summary) {
        if (summary == null || summary.isEmpty()) {
            return null;
        }
        return RegressionGate.check(null, barriers(summary), null).stream()
                .filter(RegressionGate.Row::gated)
                .mapToDouble(RegressionGate.Row::after)
                .min()
                .stream()
                .boxed()
                .findFirst()
                .orElse(null);
    }
}
