package dev.isthmus.workflows.argo;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.ObjectMeta;

/** An Argo {@code CronWorkflow}: starts a Workflow from its spec on a schedule. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record CronWorkflow(
        String apiVersion, String kind, ObjectMeta metadata, CronWorkflowSpec spec)
        implements ArgoResource {

    public static final String KIND = "CronWorkflow";

    public static CronWorkflow of(ObjectMeta metadata, CronWorkflowSpec spec) {
        return new CronWorkflow(API_VERSION, KIND, metadata, spec);
    }

    @Override
    public WorkflowSpec workflowSpec() {
        return spec.workflowSpec();
    }
}
