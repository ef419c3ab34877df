package dev.isthmus.operator.observe;

import dev.isthmus.api.plan.Stage;
import dev.isthmus.api.result.IntervalSpread;
import dev.isthmus.api.result.RunSummary;
import dev.isthmus.api.result.Spread;
import dev.isthmus.operator.resource.SummaryRow;
import dev.isthmus.workflows.argo.NodeStatus;
import dev.isthmus.workflows.argo.WorkflowStatus;
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

    private static final String AGGREGATE_TEMPLATE = WorkflowRenderer.templateName(Stage.AGGREGATE);
    private static final String SUMMARY = WorkflowRenderer.SUMMARY_PARAMETER;
    private static final String GPU = "nvidia.com/gpu";
    private static final int LISTED = 20;

    private WorkflowObserver() {}

    public static RunObservation observe(GenericKubernetesResource workflow) {
        Map<String, String> labels = workflow.getMetadata().getLabels();
        WorkflowStatus status = WorkflowStatus.of(workflow.getAdditionalProperties().get("status"));
        Map<String, Integer> byState = new TreeMap<>();
        List<String> failed = new ArrayList<>();
        Set<String> retried = new HashSet<>();
        int retries = 0;
        for (NodeStatus node : status.nodes().values()) {
            if (NodeStatus.RETRY.equals(node.type())) {
                List<String> attempts = node.childIds();
                retries += Math.max(0, attempts.size() - 1);
                retried.addAll(attempts);
            }
        }
        List<SummaryRow> summary = List.of();
        for (Map.Entry<String, NodeStatus> entry : status.nodes().entrySet()) {
            NodeStatus node = entry.getValue();
            String phase = node.phaseOrPending();
            boolean pod = NodeStatus.POD.equals(node.type());
            if (pod) {
                byState.merge(phase, 1, Integer::sum);
            }
            boolean task = pod && !retried.contains(entry.getKey());
            if ((task || NodeStatus.RETRY.equals(node.type())) && node.failed()) {
                if (failed.size() < LISTED) {
                    failed.add(failure(node));
                }
            }
            if (AGGREGATE_TEMPLATE.equals(node.templateName())
                    && "Succeeded".equals(phase)
                    && summary.isEmpty()) {
                summary = rows(WorkflowStatus.parameter(node.outputs(), SUMMARY));
            }
        }
        if (summary.isEmpty()) {
            summary = rows(WorkflowStatus.parameter(status.outputs(), SUMMARY));
        }
        String progress = status.progress();
        if (progress == null) {
            int done = byState.getOrDefault("Succeeded", 0) + byState.getOrDefault("Failed", 0);
            progress = done + "/" + byState.values().stream().mapToInt(Integer::intValue).sum();
        }
        String generation = labels == null ? null : labels.get(WorkflowRenderer.GENERATION_LABEL);
        return new RunObservation(
                workflow.getMetadata().getName(),
                phase(status.phase()),
                progress,
                status.startedAt(),
                status.finishedAt(),
                byState,
                failed,
                summary,
                labels != null && labels.containsKey(CRON_LABEL),
                generation == null ? null : Long.valueOf(generation),
                workflow.getMetadata().getCreationTimestamp(),
                status.resourcesDuration().getOrDefault(GPU, 0L).doubleValue(),
                retries);
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

    private static String failure(NodeStatus node) {
        String name = node.displayName() != null ? node.displayName() : node.name();
        return node.message() == null ? name + " failed" : name + " failed: " + node.message();
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
            IntervalSpread upper =
                    row.lossBarrierInterval() == null ? null : row.lossBarrierInterval().get("lin");
            if (lin != null) {
                rows.add(
                        new SummaryRow(
                                row.alignment(),
                                row.path(),
                                row.pairs(),
                                lin.max(),
                                lin.mean(),
                                upper == null || upper.upper() == null ? null : upper.upper().max(),
                                row.basins()));
            }
        }
        return List.copyOf(rows);
    }
}
