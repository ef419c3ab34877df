package dev.isthmus.workflows.argo;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;

/**
 * Argo's {@code WorkflowStatus}, the fields Isthmus reads (Argo's {@code v1alpha1} types hold spec
 * and status): the phase, progress, times, nodes by id, the workflow's global outputs and the
 * resources used ({@code resourcesDuration}, seconds per resource name).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WorkflowStatus(
        String phase,
        String progress,
        String startedAt,
        String finishedAt,
        Map<String, NodeStatus> nodes,
        Outputs outputs,
        Map<String, Long> resourcesDuration) {

    /** Argo's phases of a finished Workflow. */
    public static final List<String> FINISHED = List.of("Succeeded", "Failed", "Error");

    private static final ObjectMapper JSON =
            new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static final WorkflowStatus NONE =
            new WorkflowStatus(null, null, null, null, Map.of(), null, Map.of());

    /**
     * The status of a Workflow as the API server returns it: {@code status} is its untyped {@code
     * .status} (a map, or null before Argo first wrote it).
     */
    public static WorkflowStatus of(Object status) {
        if (status == null) {
            return NONE;
        }
        WorkflowStatus s = JSON.convertValue(status, WorkflowStatus.class);
        return new WorkflowStatus(
                s.phase,
                s.progress,
                s.startedAt,
                s.finishedAt,
                s.nodes == null ? Map.of() : s.nodes,
                s.outputs,
                s.resourcesDuration == null ? Map.of() : s.resourcesDuration);
    }

    /** Whether Argo finished the Workflow (Succeeded, Failed or Error). */
    public boolean finished() {
        return phase != null && FINISHED.contains(phase);
    }

    /** The value of the output parameter {@code name} of {@code outputs}, or null. */
    public static String parameter(Outputs outputs, String name) {
        if (outputs == null || outputs.parameters() == null) {
            return null;
        }
        for (Parameter p : outputs.parameters()) {
            if (name.equals(p.name())) {
                return p.value();
            }
        }
        return null;
    }
}
