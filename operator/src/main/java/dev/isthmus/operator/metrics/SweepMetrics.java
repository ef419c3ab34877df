package dev.isthmus.operator.metrics;

import dev.isthmus.operator.resource.SummaryRow;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * The operator's own metrics, all low cardinality (no sweep or pair labels): sweeps by phase, tasks
 * by state, runs completed and their duration, regressions, and the best and worst loss barrier per
 * alignment × path over the sweeps' last finished runs.
 */
@ApplicationScoped
public class SweepMetrics {

    public static final List<String> PHASES =
            List.of("Pending", "Running", "Succeeded", "Failed", "Invalid");

    private final MeterRegistry registry;
    private final Map<String, String> phases = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Integer>> tasks = new ConcurrentHashMap<>();
    private final Map<String, List<SummaryRow>> summaries = new ConcurrentHashMap<>();
    private final Set<String> barrierRows = ConcurrentHashMap.newKeySet();
    private final Set<String> taskStates = ConcurrentHashMap.newKeySet();
    private final List<Meter> owned = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Map<String, Instant> lastSuccess = new ConcurrentHashMap<>();
    private final Timer runDuration;
    private final Counter regressions;
    private final Counter gpuSeconds;
    private final Counter retries;

    public SweepMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (String phase : PHASES) {
            own(
                    Gauge.builder("isthmus.sweeps", phases, p -> count(p, phase))
                            .description("ConnectivitySweeps by phase")
                            .tag("phase", phase)
                            .register(registry));
        }
        runDuration =
                Timer.builder("isthmus.run.duration")
                        .description("Wall time of finished sweep runs")
                        .publishPercentileHistogram()
                        .minimumExpectedValue(Duration.ofSeconds(10))
                        .maximumExpectedValue(Duration.ofHours(24))
                        .register(registry);
        regressions =
                Counter.builder("isthmus.regressions")
                        .description("Scheduled runs that failed their regression gate")
                        .register(registry);
        gpuSeconds =
                Counter.builder("isthmus.gpu.seconds")
                        .description("GPU time of finished runs, as Argo accounts it")
                        .baseUnit("seconds")
                        .register(registry);
        retries =
                Counter.builder("isthmus.task.retries")
                        .description("Worker pod attempts beyond the first, in finished runs")
                        .register(registry);
        // Both results exist from the start, so increase() sees the first failure.
        for (String result : List.of("Succeeded", "Failed")) completed(result);
        own(
                Gauge.builder(
                                "isthmus.scheduled.last.success.timestamp.seconds",
                                lastSuccess,
                                m ->
                                        m.values().stream()
                                                .mapToDouble(t -> t.toEpochMilli() / 1000.0)
                                                .min()
                                                .orElse(Double.NaN))
                        .description(
                                "Oldest among scheduled sweeps of the time their last run"
                                        + " succeeded (Unix seconds)")
                        .register(registry));
    }

    private Counter completed(String result) {
        return Counter.builder("isthmus.runs.completed")
                .description("Sweep runs that finished, by result")
                .tag("result", result)
                .register(registry);
    }

    private Counter reconcileFailures(String reason) {
        return Counter.builder("isthmus.reconcile.failures")
                .description(
                        "Reconciles that ended in an error, by the condition reason the sweep's"
                                + " status was given")
                .tag("reason", reason)
                .register(registry);
    }

    /** Makes the failure series of these reasons exist at zero, so increase() sees the first. */
    public void declareReconcileFailures(List<String> reasons) {
        reasons.forEach(this::reconcileFailures);
    }

    /**
     * Counts a reconcile that ended in an error. The SDK's own {@code
     * operator_sdk_reconciliations_failed_total} misses a failure when events arrived while the
     * reconcile ran (JOSDK 5.2.1 then resubmits at once without counting it), so the dashboard
     * reads this one.
     */
    public void reconcileFailed(String reason) {
        reconcileFailures(reason).increment();
    }

    /** Records what a reconcile observed of one sweep ({@code key} is namespace/name). */
    public void observe(
            String key, String phase, Map<String, Integer> states, List<SummaryRow> summary) {
        phases.put(key, phase);
        tasks.put(key, Map.copyOf(states));
        states.keySet().forEach(this::registerTaskState);
        if (!summary.isEmpty()) {
            summaries.put(key, List.copyOf(summary));
            summary.forEach(this::registerBarrierRow);
        }
    }

    /** Counts a run that finished, once, with its GPU time and retried pods. */
    public void runCompleted(String result, Duration duration, double gpu, int retried) {
        completed(result).increment();
        gpuSeconds.increment(gpu);
        retries.increment(retried);
        if (duration != null && !duration.isNegative()) {
            runDuration.record(duration);
        }
    }

    public void regressed() {
        regressions.increment();
    }

    /** Records when a scheduled sweep's newest run succeeded (null: none has yet). */
    public void scheduledSuccess(String key, Instant finished) {
        if (finished != null) lastSuccess.merge(key, finished, (a, b) -> a.isAfter(b) ? a : b);
    }

    /** Forgets a deleted sweep. */
    public void forget(String key) {
        lastSuccess.remove(key);
        phases.remove(key);
        tasks.remove(key);
        summaries.remove(key);
    }

    /**
     * Removes this instance's gauges when the application stops: a registry that outlives it (a
     * restarted application in tests) would otherwise keep reading this instance's maps.
     */
    @PreDestroy
    void close() {
        owned.forEach(registry::remove);
        owned.clear();
    }

    private void own(Meter meter) {
        owned.add(meter);
    }

    private static double count(Map<String, String> phases, String phase) {
        return phases.values().stream().filter(phase::equals).count();
    }

    private void registerTaskState(String state) {
        if (taskStates.add(state)) {
            own(
                    Gauge.builder(
                                    "isthmus.tasks",
                                    tasks,
                                    t ->
                                            t.values().stream()
                                                    .mapToInt(m -> m.getOrDefault(state, 0))
                                                    .sum())
                            .description(
                                    "Worker pods of the sweeps' current runs, by Argo node phase")
                            .tag("state", state)
                            .register(registry));
        }
    }

    private void registerBarrierRow(SummaryRow row) {
        String alignment = row.alignment();
        String path = row.path();
        if (!barrierRows.add(alignment + "/" + path)) {
            return;
        }
        barrierGauge("isthmus.loss.barrier.best", "Lowest", alignment, path, true);
        barrierGauge("isthmus.loss.barrier.worst", "Highest", alignment, path, false);
    }

    private void barrierGauge(
            String name, String which, String alignment, String path, boolean best) {
        ToDoubleFunction<Map<String, List<SummaryRow>>> value =
                s -> {
                    var values =
                            s.values().stream()
                                    .flatMap(List::stream)
                                    .filter(r -> r.alignment().equals(alignment))
                                    .filter(r -> r.path().equals(path))
                                    .mapToDouble(SummaryRow::maxLossBarrier);
                    var result = best ? values.min() : values.max();
                    return result.orElse(Double.NaN);
                };
        own(
                Gauge.builder(name, summaries, value)
                        .description(
                                which
                                        + " worst-pair chord loss barrier (nats) over the sweeps' last"
                                        + " finished runs")
                        .tag("alignment", alignment)
                        .tag("path", path)
                        .register(registry));
    }
}
