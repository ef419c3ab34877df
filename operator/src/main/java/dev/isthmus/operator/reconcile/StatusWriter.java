package dev.isthmus.operator.reconcile;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.isthmus.operator.resource.ConnectivitySweepResource;
import dev.isthmus.operator.resource.SweepStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

/**
 * Replaces a sweep's status whole with one JSON Patch operation on the status subresource ({@code
 * add /status}, which replaces it): no diff against a cached copy, no merging of old and new.
 */
final class StatusWriter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KubernetesClient client;

    StatusWriter(KubernetesClient client) {
        this.client = client;
    }

    void write(ConnectivitySweepResource sweep, SweepStatus status) {
        ArrayNode patch = JSON.createArrayNode();
        patch.addObject()
                .put("op", "add")
                .put("path", "/status")
                .set("value", JSON.valueToTree(status));
        ApiFailure.during(
                "write the status of sweep " + sweep.getMetadata().getName(),
                () ->
                        client.resources(ConnectivitySweepResource.class)
                                .inNamespace(sweep.getMetadata().getNamespace())
                                .withName(sweep.getMetadata().getName())
                                .subresource("status")
                                .patch(PatchContext.of(PatchType.JSON), patch.toString()));
    }
}
