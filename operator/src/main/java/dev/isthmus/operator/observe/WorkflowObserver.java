package dev.isthmus.operator.observe;

import dev.isthmus.api.result.RunSummary;
import dev.isthmus.api.result.Spread;
import dev.isthmus.operator.resource.SummaryRow;
import dev.isthmus.workflows.render.WorkflowRenderer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads an Argo Workflow (as a generic resource: Argo has no Java model) into a {@link
 * RunObservation}. Reads only; never changes the cluster.
 */
public final class WorkflowObserver {

    /** Argo sets this label on every Workflow a CronWorkflow creates. */
    public static final String CRON_LABEL = "workflows.argoproj.io/cron-workflow";

    static final String AGGREGATE_TEMPLATE = "aggregate";
    static final String SUMMARY_PARAMETER = "summary";
    private static final int LISTED = 20;

    private WorkflowObserver() {}

    public static RunObservation observe(GenericKubernetesResource workflow) {
        Map<String, String> labels = workflow.getMetadata().getLabels();
        Map<String, Object> status = map(workflow.getAdditionalProperties().get("status"));
        Map<String, Object> nodes = map(status.get("nodes"));
        Map<String, Integer> byState = new TreeMap<>();
        List<String> failed = new ArrayList<>();
        Set<String> retried = new HashSet<>();
        int retries = 0;
        for (Object value : nodes.values()) {
            Map<String, Object> node = map(value);
            if ("Retry".equals(node.get("type"))) {
                List<?> attempts = list(node.get("children"));
                retries += Math.max(0, attempts.size() - 1);
                for (Object child : attempts) {
                    retried.add(String.valueOf(child));
                }
            }
        }
        List<SummaryRow> summary = List.of();
        for (Map.Entry<String, Object> entry : nodes.entrySet()) {
            Map<String, Object> node = map(entry.getValue());
            String type = String.valueOf(node.get("type"));
            String phase = node.get("phase") == null ? "Pending" : node.get("phase").toString();
            if ("Pod".equals(type)) {
                byState.merge(phase, 1, Integer::sum);
            }
            boolean task = "Pod".equals(type) && !retried.contains(entry.getKey());
            if ((task || "Retry".equals(type))
                    && ("Failed".equals(phase) || "Error".equals(phase))) {
                if (failed.size() < LISTED) {
                    failed.add(failure(node));
                }
            }
            if (AGGREGATE_TEMPLATE.equals(node.get("templateName"))
                    && "Succeeded".equals(phase)
                    && summary.isEmpty()) {
                summary = rows(parameter(map(node.get("outputs"))));
            }
        }
        if (summary.isEmpty()) {
            summary = rows(parameter(map(status.get("outputs"))));
        }
        String progress = (String) status.get("progress");
        if (progress == null) {
            int done = byState.getOrDefault("Succeeded", 0) + byState.getOrDefault("Failed", 0);
            progress = done + "/" + byState.values().stream().mapToInt(Integer::intValue).sum();
        }
        String generation = labels == null ? null : labels.get(WorkflowRenderer.GENERATION_LABEL);
        return new RunObservation(
                workflow.getMetadata().getName(),
                phase((String) status.get("phase")),
                progress,
                (String) status.get("startedAt"),
                (String) status.get("finishedAt"),
                byState,
                failed,
                summary,
                labels != null && labels.containsKey(CRON_LABEL),
                generation == null ? null : Long.valueOf(generation),
                workflow.getMetadata().getCreationTimestamp(),
                gpuSeconds(status),
                retries);
    }

    /** Argo's GPU-seconds for the run (it counts each pod's GPU requests times its run time). */
    private static double gpuSeconds(Map<String, Object> status) {
        Object value = map(status.get("resourcesDuration")).get("nvidia.com/gpu");
        return value instanceof Number n ? n.doubleValue() : 0;
    }

    /** Argo's workflow phase in the sweep's terms (Error counts as Failed). */
    static String phase(String argo) {
        if (argo == null || argo.isEmpty()) {
            return RunObservation.PENDING;
        }
        return switch (argo) {
            case "Running" -> RunObservation.RUNNING;
            case "Succeeded" -> RunObservation.SUCCEEDED;
            case "Failed", "Error" -> RunObservation.FAILED;
            default -> RunObservation.PENDING;
        };
    }

    private static String failure(Map<String, Object> node) {
        Object name = node.get("displayName") != null ? node.get("displayName") : node.get("name");
        Object message = node.get("message");
        return message == null ? name + " failed" : name + " failed: " + message;
    }

    /**
     * The status rows of a published {@link RunSummary}: the chord ({@code lin}) loss barrier of
     * every alignment × path row; none when the summary is missing, unreadable or of another
     * schema.
     */
    static List<SummaryRow> rows(String json) {
        List<SummaryRow> rows = new ArrayList<>();
        for (dev.isthmus.api.result.SummaryRow row :
                RunSummary.read(json).map(RunSummary::summary).orElse(List.of())) {
            Spread lin = row.lossBarrier() == null ? null : row.lossBarrier().get("lin");
            if (lin != null) {
                rows.add(
                        new SummaryRow(
                                row.alignment(), row.path(), row.pairs(), lin.max(), lin.mean()));
            }
        }
        return List.copyOf(rows);
    }

    private static String parameter(Map<String, Object> outputs) {
        for (Object p : list(outputs.get("parameters"))) {
            Map<String, Object> parameter = map(p);
            if (SUMMARY_PARAMETER.equals(parameter.get("name"))) {
                Object value = parameter.get("value");
                return value == null ? null : value.toString();
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }
}
