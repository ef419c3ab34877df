package dev.isthmus.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every series the dashboard and the alert rules query is one the operator exports: listed in
 * manifests/metrics.txt, which the operator module checks against a live scrape of /q/metrics.
 */
class MetricNamesTest {

    /** Series Prometheus makes itself for every scrape target. */
    static final Set<String> PROMETHEUS_OWN = Set.of("up");

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void dashboardQueriesOnlyExportedMetrics() throws IOException {
        Set<String> used =
                MonitoringQueries.metricNames(MonitoringQueries.ofDashboard(dashboard()));
        assertListed(used, "charts/isthmus/files/isthmus-dashboard.json");
        assertTrue(used.contains("isthmus_loss_barrier_worst"), used::toString);
    }

    @Test
    void alertRulesQueryOnlyExportedMetrics() {
        GenericKubernetesResource rule =
                Chart.ofKind(
                                Chart.objects(Chart.template(Chart.values("monitoring"))),
                                "PrometheusRule",
                                GenericKubernetesResource.class)
                        .values()
                        .iterator()
                        .next();
        List<String> queries = MonitoringQueries.ofPrometheusRule(JSON.valueToTree(rule));
        assertEquals(5, queries.size());
        assertListed(MonitoringQueries.metricNames(queries), "the PrometheusRule");
    }

    @Test
    void everyListedMetricIsUsedOrExplained() throws IOException {
        // A name nobody queries would make the operator's scrape check guard nothing we rely on,
        // except the histogram's parts, listed so the scrape check sees the whole histogram.
        Set<String> used =
                new TreeSet<>(
                        MonitoringQueries.metricNames(MonitoringQueries.ofDashboard(dashboard())));
        Set<String> unused = new TreeSet<>(listed());
        unused.removeAll(used);
        unused.removeIf(n -> n.startsWith("isthmus_run_duration_seconds_"));
        unused.removeAll(Set.of("isthmus_scheduled_last_success_timestamp_seconds"));
        assertEquals(Set.of(), unused);
    }

    static JsonNode dashboard() throws IOException {
        return JSON.readTree(Chart.DIR.resolve("files/isthmus-dashboard.json").toFile());
    }

    static Set<String> listed() throws IOException {
        Set<String> names = new TreeSet<>();
        for (String line : Files.readAllLines(Chart.ROOT.resolve("manifests/metrics.txt"))) {
            String name = line.strip();
            if (!name.isEmpty() && !name.startsWith("#")) {
                names.add(name);
            }
        }
        return names;
    }

    private static void assertListed(Set<String> used, String where) {
        Set<String> missing = new TreeSet<>(used);
        missing.removeAll(PROMETHEUS_OWN);
        try {
            missing.removeAll(listed());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        assertEquals(Set.of(), missing, where + " queries series not in manifests/metrics.txt");
    }
}
