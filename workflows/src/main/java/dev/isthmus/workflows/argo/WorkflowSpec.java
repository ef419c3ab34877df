package dev.isthmus.workflows.argo;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.List;
import java.util.Map;

/**
 * Argo's {@code WorkflowSpec}: the templates, which one starts the run, and what applies to every
 * pod (service account, security context, scheduling, volumes, labels).
 *
 * @param parallelism most pods running at once
 * @param podSpecPatch a strategic-merge patch Argo applies to every pod's spec (JSON)
 * @param podGC when finished pods are deleted
 * @param metrics metrics emitted when the whole Workflow finishes
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record WorkflowSpec(
        String entrypoint,
        Arguments arguments,
        Integer parallelism,
        String serviceAccountName,
        PodMetadata podMetadata,
        PodSecurityContext securityContext,
        String podSpecPatch,
        Map<String, String> nodeSelector,
        List<Toleration> tolerations,
        List<Volume> volumes,
        PodGC podGC,
        Metrics metrics,
        List<Template> templates) {}
