package dev.isthmus.operator.reconcile;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isthmus.api.spec.ConnectivitySweep;
import dev.isthmus.api.validation.SweepLoader;
import dev.isthmus.operator.resource.ConnectivitySweepResource;

/**
 * Validates a custom resource exactly as {@code isthmus run} validates a file: the resource becomes
 * a sweep document and goes through {@link SweepLoader}, so problems carry the same field paths
 * ({@code spec.paths[1].type}) and a valid sweep comes back with defaults applied.
 */
final class SweepDocument {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SweepDocument() {}

    /**
     * @throws dev.isthmus.api.validation.SpecException with every problem found
     */
    static ConnectivitySweep validated(ConnectivitySweepResource resource) {
        ObjectNode document = JSON.createObjectNode();
        document.put("apiVersion", ConnectivitySweep.API_VERSION);
        document.put("kind", ConnectivitySweep.KIND);
        ObjectNode metadata = document.putObject("metadata");
        metadata.put("name", resource.getMetadata().getName());
        metadata.put("namespace", resource.getMetadata().getNamespace());
        if (resource.getSpec() != null) {
            document.set("spec", JSON.valueToTree(resource.getSpec()));
        }
        return SweepLoader.parse(document.toString(), null);
    }
}
