package dev.isthmus.workflows.argo;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * Argo's {@code NodeStatus}, the fields Isthmus reads: a node of a running Workflow (a pod, a retry
 * group, a DAG) with its phase, the template it ran and its outputs.
 *
 * @param type Pod, Retry, DAG, ...
 * @param children node ids (for a Retry node, one per attempt)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NodeStatus(
        String name,
        String displayName,
        String type,
        String phase,
        String templateName,
        String message,
        List<String> children,
        Outputs outputs) {

    public static final String POD = "Pod";
    public static final String RETRY = "Retry";

    /** The phase, Pending when Argo has not set one. */
    public String phaseOrPending() {
        return phase == null ? "Pending" : phase;
    }

    /** Whether the node failed (Failed or Error). */
    public boolean failed() {
        return "Failed".equals(phase) || "Error".equals(phase);
    }

    /** The children, none when Argo listed none. */
    public List<String> childIds() {
        return children == null ? List.of() : children;
    }
}
