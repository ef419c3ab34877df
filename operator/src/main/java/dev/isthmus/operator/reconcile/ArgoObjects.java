package dev.isthmus.operator.reconcile;

import dev.isthmus.api.spec.ConnectivitySweep;
import dev.isthmus.operator.resource.ConnectivitySweepResource;
import dev.isthmus.workflows.argo.ArgoResource;
import dev.isthmus.workflows.argo.ArgoYaml;
import dev.isthmus.workflows.argo.WorkflowStatus;
import dev.isthmus.workflows.render.RenderOptions;
import dev.isthmus.workflows.render.WorkflowRenderer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;

/**
 * The Argo objects of a sweep on the API server: renders this generation's Workflow (or
 * CronWorkflow) owned by the sweep, creates it when missing, and stops what older generations
 * started.
 */
final class ArgoObjects {

    static final String API_VERSION = ArgoResource.API_VERSION;

    private final KubernetesClient client;
    private final RenderOptions options;

    ArgoObjects(KubernetesClient client, RenderOptions options) {
        this.client = client;
        this.options = options;
    }

    /** This generation's rendered object, owned by {@code owner}. */
    GenericKubernetesResource render(ConnectivitySweep sweep, ConnectivitySweepResource owner) {
        long generation = owner.getMetadata().getGeneration();
        ArgoResource rendered = WorkflowRenderer.render(sweep, options.withGeneration(generation));
        GenericKubernetesResource object =
                Serialization.unmarshal(ArgoYaml.write(rendered), GenericKubernetesResource.class);
        object.getMetadata()
                .setOwnerReferences(
                        List.of(
                                new OwnerReferenceBuilder()
                                        .withApiVersion(owner.getApiVersion())
                                        .withKind(owner.getKind())
                                        .withName(owner.getMetadata().getName())
                                        .withUid(owner.getMetadata().getUid())
                                        .withController(true)
                                        .withBlockOwnerDeletion(true)
                                        .build()));
        return object;
    }

    /** Creates {@code object} unless it exists; returns whether it created it. */
    boolean createIfMissing(GenericKubernetesResource object) {
        var resource =
                kind(object.getKind())
                        .inNamespace(object.getMetadata().getNamespace())
                        .resource(object);
        if (resource.get() != null) {
            return false;
        }
        try {
            resource.create();
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                return false; // created meanwhile (e.g. by the instance before a restart)
            }
            throw e;
        }
    }

    /**
     * Stops the unfinished Workflows and deletes the CronWorkflows that older generations of the
     * sweep started; returns the names it stopped or deleted.
     */
    List<String> retireOlderGenerations(ConnectivitySweepResource sweep) {
        String namespace = sweep.getMetadata().getNamespace();
        String current = String.valueOf(sweep.getMetadata().getGeneration());
        Map<String, String> selector =
                Map.of(WorkflowRenderer.SWEEP_LABEL, sweep.getMetadata().getName());
        List<String> retired = new java.util.ArrayList<>();
        for (GenericKubernetesResource cron :
                kind("CronWorkflow")
                        .inNamespace(namespace)
                        .withLabels(selector)
                        .list()
                        .getItems()) {
            if (!current.equals(generation(cron))) {
                kind("CronWorkflow").inNamespace(namespace).resource(cron).delete();
                retired.add(cron.getMetadata().getName());
            }
        }
        for (GenericKubernetesResource workflow :
                kind("Workflow").inNamespace(namespace).withLabels(selector).list().getItems()) {
            if (current.equals(generation(workflow)) || finished(workflow)) {
                continue;
            }
            kind("Workflow")
                    .inNamespace(namespace)
                    .withName(workflow.getMetadata().getName())
                    .edit(
                            w -> {
                                @SuppressWarnings("unchecked")
                                Map<String, Object> spec =
                                        (Map<String, Object>)
                                                w.getAdditionalProperties().get("spec");
                                spec.put("shutdown", "Stop");
                                return w;
                            });
            retired.add(workflow.getMetadata().getName());
        }
        return retired;
    }

    /** Deletes every Workflow and CronWorkflow of the sweep (owner references do it too). */
    void deleteAll(ConnectivitySweepResource sweep) {
        Map<String, String> selector =
                Map.of(WorkflowRenderer.SWEEP_LABEL, sweep.getMetadata().getName());
        for (String kind : List.of("CronWorkflow", "Workflow")) {
            kind(kind)
                    .inNamespace(sweep.getMetadata().getNamespace())
                    .withLabels(selector)
                    .delete();
        }
    }

    private MixedOperation<
                    GenericKubernetesResource,
                    GenericKubernetesResourceList,
                    Resource<GenericKubernetesResource>>
            kind(String kind) {
        return client.genericKubernetesResources(API_VERSION, kind);
    }

    private static String generation(GenericKubernetesResource object) {
        Map<String, String> labels = object.getMetadata().getLabels();
        return labels == null ? null : labels.get(WorkflowRenderer.GENERATION_LABEL);
    }

    /** Whether Argo finished the Workflow, or was already told to stop it. */
    private static boolean finished(GenericKubernetesResource workflow) {
        Object spec = workflow.getAdditionalProperties().get("spec");
        Object shutdown = spec instanceof Map<?, ?> m ? m.get("shutdown") : null;
        return shutdown != null
                || WorkflowStatus.of(workflow.getAdditionalProperties().get("status")).finished();
    }
}
