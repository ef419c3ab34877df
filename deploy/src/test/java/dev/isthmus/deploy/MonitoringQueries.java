package dev.isthmus.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The PromQL a Grafana dashboard or a PrometheusRule runs: panel targets' {@code expr}, template
 * variables' queries ({@code label_values(metric, label)} selects {@code metric}), and alert or
 * recording rules' {@code expr}.
 */
public final class MonitoringQueries {

    private MonitoringQueries() {}

    /** Every query of a Grafana dashboard (panels nested in rows included). */
    public static List<String> ofDashboard(JsonNode dashboard) {
        List<String> queries = new ArrayList<>();
        collectPanels(dashboard.path("panels"), queries);
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if ("query".equals(variable.path("type").asText())) {
                JsonNode query = variable.path("query");
                String text = query.isObject() ? query.path("query").asText() : query.asText();
                queries.add(labelValuesSelector(text));
            }
        }
        return queries;
    }

    /** Every rule expression of a PrometheusRule object. */
    public static List<String> ofPrometheusRule(JsonNode rule) {
        List<String> queries = new ArrayList<>();
        for (JsonNode group : rule.path("spec").path("groups")) {
            for (JsonNode r : group.path("rules")) {
                queries.add(r.path("expr").asText());
            }
        }
        return queries;
    }

    /** The metric names all {@code queries} select, sorted. */
    public static Set<String> metricNames(List<String> queries) {
        Set<String> names = new TreeSet<>();
        queries.forEach(q -> names.addAll(PromQlMetricNames.of(q)));
        return names;
    }

    private static void collectPanels(JsonNode panels, List<String> queries) {
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                if (target.hasNonNull("expr")) {
                    queries.add(target.get("expr").asText());
                }
            }
            collectPanels(panel.path("panels"), queries);
        }
    }

    /**
     * Grafana's {@code label_values(selector, label)} is not PromQL: keep its selector. {@code
     * label_values(label)} (no selector) selects no metric.
     */
    static String labelValuesSelector(String query) {
        String q = query.trim();
        if (!q.startsWith("label_values(") || !q.endsWith(")")) {
            return q;
        }
        String args = q.substring("label_values(".length(), q.length() - 1);
        int comma = args.lastIndexOf(',');
        return comma < 0 ? "" : args.substring(0, comma);
    }
}
