package dev.isthmus.workflows.argo;

import io.fabric8.kubernetes.api.model.ObjectMeta;

/** A top-level Argo object: a {@link Workflow} or a {@link CronWorkflow}. */
public sealed interface ArgoResource permits Workflow, CronWorkflow {

    String API_VERSION = "argoproj.io/v1alpha1";

    String apiVersion();

    String kind();

    ObjectMeta metadata();

    /** The spec of the Workflow that runs (directly, or at each scheduled time). */
    WorkflowSpec workflowSpec();
}
