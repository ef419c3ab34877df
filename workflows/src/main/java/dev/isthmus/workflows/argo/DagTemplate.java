package dev.isthmus.workflows.argo;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Argo's {@code DAGTemplate}.
 *
 * @param failFast whether one failed task stops new tasks from starting (Argo's default: true)
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record DagTemplate(Boolean failFast, List<DagTask> tasks) {}
