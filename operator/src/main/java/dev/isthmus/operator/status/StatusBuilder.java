package dev.isthmus.operator.status;

import static dev.isthmus.operator.status.ConditionType.DEGRADED;
import static dev.isthmus.operator.status.ConditionType.FAILED;
import static dev.isthmus.operator.status.ConditionType.PROGRESSING;
import static dev.isthmus.operator.status.ConditionType.READY;
import static dev.isthmus.operator.status.ConditionType.REGRESSED;
import static dev.isthmus.operator.status.ConditionType.SUCCEEDED;

import dev.isthmus.api.result.RegressionGate;
import dev.isthmus.api.spec.RegressionSpec;
import dev.isthmus.operator.observe.RunObservation;
import dev.isthmus.operator.resource.ScheduledRun;
import dev.isthmus.operator.resource.SummaryRow;
import dev.isthmus.operator.resource.SweepCondition;
import dev.isthmus.operator.resource.SweepStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
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
                conditions()
                        .set(READY, false, "InvalidSpec", message)
                        .set(PROGRESSING, false, "InvalidSpec", "fix the spec to start a run");
        return SweepStatus.builder()
                .phase(INVALID)
                .observedGeneration(generation)
                .bestBarrier(previous == null ? null : previous.bestBarrier())
                .summary(previous == null ? null : previous.summary())
                .results(previous == null ? null : previous.results())
                .conditions(conditions.list())
                .history(previous == null ? null : previous.history())
                .build();
    }

    /**
     * The status of a sweep whose reconcile failed at the API server (its Workflow could not be
     * created, an older run could not be stopped): Ready and Progressing False with the reason and
     * the message, everything else as the previous status had it, observedGeneration included: this
     * generation is not observed until its Workflow exists (so the retry still stops older runs).
     * The operator retries.
     */
    public SweepStatus apiFailure(String reason, String message) {
        Conditions conditions =
                conditions()
                        .set(READY, false, reason, message)
                        .set(PROGRESSING, false, reason, "retrying with backoff");
        SweepStatus.Builder status =
                previous == null ? SweepStatus.builder() : previous.toBuilder();
        boolean ran = previous != null && !INVALID.equals(previous.phase());
        return status.phase(ran ? previous.phase() : RunObservation.PENDING)
                .conditions(conditions.list())
                .build();
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
        RunObservation current = current(runs, workflow, scheduled);
        if (!scheduled && current != null && current.finished() && !countedBefore(current)) {
            completions.add(completion(current));
        }
        List<SummaryRow> summary = summary(current);
        List<String> failed = current == null ? List.of() : current.failedTasks();
        SweepStatus status =
                SweepStatus.builder()
                        .phase(phase(current))
                        .observedGeneration(generation)
                        .progress(current == null ? "0/0" : current.progress())
                        .workflow(workflow)
                        .startedAt(current == null ? null : current.startedAt())
                        .finishedAt(current == null ? null : current.finishedAt())
                        .bestBarrier(best(summary))
                        .summary(summary)
                        .results(summary == null ? null : results)
                        .failedTasks(failed.isEmpty() ? null : failed)
                        .conditions(conditions(workflow, scheduled, current, history))
                        .history(history.isEmpty() ? null : history)
                        .build();
        return new Outcome(status, completions, regressions);
    }

    /** The newest scheduled run, or this generation's Workflow; null before it is seen. */
    private static RunObservation current(
            List<RunObservation> runs, String workflow, boolean scheduled) {
        return scheduled ? latestScheduled(runs) : named(runs, workflow);
    }

    private static String phase(RunObservation current) {
        return current == null ? RunObservation.PENDING : current.phase();
    }

    /** The current run's summary, or the last finished run's while the current one has none. */
    private List<SummaryRow> summary(RunObservation current) {
        if (current != null && !current.summary().isEmpty()) {
            return current.summary();
        }
        return previous == null ? null : previous.summary();
    }

    private List<SweepCondition> conditions(
            String workflow,
            boolean scheduled,
            RunObservation current,
            List<ScheduledRun> history) {
        Conditions conditions = conditions();
        ready(conditions, workflow, scheduled);
        progressing(conditions, workflow, scheduled, current);
        degraded(conditions, current);
        if (current != null && current.finished()) {
            succeededOrFailed(conditions, current);
        }
        if (scheduled && !history.isEmpty()) {
            regressed(conditions, history.get(0));
        }
        return conditions.list();
    }

    private Conditions conditions() {
        return new Conditions(previous == null ? null : previous.conditions(), generation, now);
    }

    private static void ready(Conditions conditions, String workflow, boolean scheduled) {
        String kind = scheduled ? "CronWorkflow" : "Workflow";
        conditions.set(READY, true, kind + "Created", kind + " " + workflow + " exists");
    }

    private static void progressing(
            Conditions conditions, String workflow, boolean scheduled, RunObservation current) {
        if (current == null) {
            conditions.set(
                    PROGRESSING,
                    false,
                    "WaitingForRun",
                    scheduled ? "waiting for the first scheduled run" : "starting " + workflow);
            return;
        }
        boolean progressing = !current.finished();
        conditions.set(
                PROGRESSING,
                progressing,
                progressing ? current.phase() : "Finished",
                current.name() + " is " + current.phase() + " (" + current.progress() + ")");
    }

    private static void degraded(Conditions conditions, RunObservation current) {
        List<String> failed = current == null ? List.of() : current.failedTasks();
        conditions.set(
                DEGRADED,
                !failed.isEmpty(),
                failed.isEmpty() ? "NoFailedTasks" : "TaskFailed",
                failed.isEmpty() ? "no task failed" : String.join("; ", failed));
    }

    /** Succeeded or Failed (True) for a finished run. */
    private static void succeededOrFailed(Conditions conditions, RunObservation finished) {
        boolean ok = RunObservation.SUCCEEDED.equals(finished.phase());
        conditions.set(
                ok ? SUCCEEDED : FAILED,
                true,
                ok ? "RunSucceeded" : "RunFailed",
                finished.name() + " " + finished.phase().toLowerCase(Locale.ROOT));
    }

    private static void regressed(Conditions conditions, ScheduledRun last) {
        boolean regressed = Boolean.TRUE.equals(last.regressed());
        conditions.set(
                REGRESSED,
                regressed,
                regressed ? "GateFailed" : "GatePassed",
                regressed
                        ? last.workflow() + ": " + String.join("; ", last.reasons())
                        : last.workflow() + " passed the regression gate");
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
            List<RegressionGate.Barrier> current = gated(run.summary(), gate);
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

    /**
     * The values {@code gate} holds: the worst pairs' barriers, or with {@link
     * RegressionSpec#upperBound()} the upper ends of their bootstrap intervals (as {@code isthmus
     * compare} reads them through {@link RegressionGate#barriers(List, RegressionSpec)}).
     */
    static List<RegressionGate.Barrier> gated(List<SummaryRow> summary, RegressionSpec gate) {
        if (gate == null || !gate.upperBound()) return barriers(summary);
        return summary.stream()
                .map(
                        r ->
                                new RegressionGate.Barrier(
                                        r.alignment(), r.path(), r.maxLossBarrierUpper()))
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
