package dev.isthmus.operator.metrics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isthmus.operator.resource.SummaryRow;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The operator's series in Prometheus text: names, labels, values aggregated over sweeps. */
class SweepMetricsTest {

    @Test
    void seriesAggregateOverSweepsWithoutPerSweepLabels() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        SweepMetrics metrics = new SweepMetrics(registry);
        metrics.observe(
                "ns/a",
                "Succeeded",
                Map.of("Succeeded", 3),
                List.of(new SummaryRow("weight-matching", "linear", 2, 0.04, 0.02)));
        metrics.observe(
                "ns/b",
                "Running",
                Map.of("Running", 2, "Succeeded", 1),
                List.of(new SummaryRow("weight-matching", "linear", 2, 0.10, 0.05)));
        metrics.runCompleted("Succeeded", Duration.ofSeconds(90), 0, 0);
        String text = registry.scrape().replace(",}", "}");
        for (String series :
                List.of(
                        "isthmus_sweeps{phase=\"Succeeded\"} 1.0",
                        "isthmus_sweeps{phase=\"Running\"} 1.0",
                        "isthmus_tasks{state=\"Succeeded\"} 4.0",
                        "isthmus_loss_barrier_best{alignment=\"weight-matching\",path=\"linear\"} 0.04",
                        "isthmus_loss_barrier_worst{alignment=\"weight-matching\",path=\"linear\"} 0.1",
                        "isthmus_runs_completed_total{result=\"Succeeded\"} 1.0",
                        "isthmus_run_duration_seconds_sum 90.0")) {
            assertTrue(text.contains(series), series + " in\n" + text);
        }
        metrics.forget("ns/b");
        assertTrue(
                registry.scrape()
                        .replace(",}", "}")
                        .contains("isthmus_sweeps{phase=\"Running\"} 0.0"));
    }
}
