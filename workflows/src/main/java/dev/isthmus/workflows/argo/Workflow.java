package dev.isthmus.workflows.argo;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.ObjectMeta;

/** An Argo {@code Workflow}: one run of a DAG of pods. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Workflow(String apiVersion, String kind, ObjectMeta metadata, WorkflowSpec spec)
        implements ArgoResource {

    public static final String KIND = "Workflow";

    public static Workflow of(ObjectMeta metadata, WorkflowSpec spec) {
        return new Workflow(API_VERSION, KIND, metadata, spec);
    }

    @Override
    public WorkflowSpec workflowSpec() {
        return spec;
    }
}
