package dev.isthmus.workflows.render;

import dev.isthmus.workflows.argo.Metrics;
import dev.isthmus.workflows.argo.Metrics.Counter;
import dev.isthmus.workflows.argo.Metrics.Gauge;
import dev.isthmus.workflows.argo.Metrics.Histogram;
import dev.isthmus.workflows.argo.Metrics.Label;
import dev.isthmus.workflows.argo.Metrics.Prometheus;
import java.util.List;

/**
 * The custom metrics Argo emits for a sweep, labelled by sweep and stage only (never by pair or
 * pod, so the number of series stays small). Names follow Prometheus conventions; Argo's exporter
 * prefixes them with {@code argo_workflows_}.
 */
final class TaskMetrics {

    static final String POD_DURATION = "isthmus_task_pod_duration_seconds";
    static final String POD_RESULTS = "isthmus_task_pods_total";
    static final String SWEEP_DURATION = "isthmus_sweep_duration_seconds";
    static final String SWEEP_RUNS = "isthmus_sweep_runs_total";

    /** Seconds: from a quick alignment to a long training run. */
    static final List<Double> BUCKETS =
            List.of(10.0, 30.0, 60.0, 300.0, 900.0, 1800.0, 3600.0, 7200.0, 14400.0);

    private TaskMetrics() {}

    /** Per worker pod of a stage: its wall time, and its outcome. */
    static Metrics stage(String sweep, String stage) {
        List<Label> labels = List.of(new Label("sweep", sweep), new Label("stage", stage));
        return new Metrics(
                List.of(
                        new Prometheus(
                                POD_DURATION,
                                "Wall time of Isthmus worker pods (one batch of tasks each)",
                                labels,
                                null,
                                new Histogram("{{duration}}", BUCKETS),
                                null,
                                null),
                        new Prometheus(
                                POD_RESULTS,
                                "Finished Isthmus worker pods by outcome",
                                concat(labels, new Label("status", "{{status}}")),
                                null,
                                null,
                                new Counter("1"),
                                null)));
    }

    /** Per Workflow run: how long the whole sweep took, and how it ended. */
    static Metrics sweep(String sweep) {
        Label name = new Label("sweep", sweep);
        return new Metrics(
                List.of(
                        new Prometheus(
                                SWEEP_DURATION,
                                "Wall time of the last finished run of an Isthmus sweep",
                                List.of(name),
                                null,
                                null,
                                null,
                                new Gauge("{{workflow.duration}}", false)),
                        new Prometheus(
                                SWEEP_RUNS,
                                "Finished runs of Isthmus sweeps by outcome",
                                List.of(name, new Label("status", "{{workflow.status}}")),
                                null,
                                null,
                                new Counter("1"),
                                null)));
    }

    private static List<Label> concat(List<Label> labels, Label extra) {
        return java.util.stream.Stream.concat(labels.stream(), java.util.stream.Stream.of(extra))
                .toList();
    }
}
