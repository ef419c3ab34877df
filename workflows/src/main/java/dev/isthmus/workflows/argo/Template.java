package dev.isthmus.workflows.argo;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Container;

/**
 * Argo's {@code Template}: here either a {@code dag} of tasks or one {@code container}.
 *
 * @param metadata labels and annotations of this template's pods
 * @param podSpecPatch a strategic-merge patch of this template's pod spec, applied after the
 *     workflow-level one (so it wins where both set a field); may use {@code {{retries}}}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Template(
        String name,
        PodMetadata metadata,
        Inputs inputs,
        Outputs outputs,
        Metrics metrics,
        RetryStrategy retryStrategy,
        String podSpecPatch,
        DagTemplate dag,
        Container container) {

    public static Template dag(String name, DagTemplate dag) {
        return new Template(name, null, null, null, null, null, null, dag, null);
    }
}
