package dev.isthmus.operator.reconcile;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isthmus.api.admission.Admission;
import dev.isthmus.api.admission.Budget;
import dev.isthmus.api.spec.ConnectivitySweep;
import dev.isthmus.api.spec.ResourcesSpec;
import dev.isthmus.api.validation.SweepLoader;
import dev.isthmus.operator.resource.ConnectivitySweepResource;

/**
 * Validates a custom resource exactly as {@code isthmus run} validates a file: the resource becomes
 * a sweep document and goes through {@link SweepLoader}, so problems carry the same field paths
 * ({@code spec.paths[1].type}) and a valid sweep comes back with defaults applied. A sweep whose
 * worker pods request memory is then admitted against it, as {@code isthmus render} does.
 */
final class SweepDocument {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SweepDocument() {}

    /**
     * @throws dev.isthmus.api.validation.SpecException with every problem found
     */
    static ConnectivitySweep validated(
            ConnectivitySweepResource resource, OperatorSettings.SweepDefaults defaults) {
        ObjectNode document = JSON.createObjectNode();
        document.put("apiVersion", ConnectivitySweep.API_VERSION);
        document.put("kind", ConnectivitySweep.KIND);
        ObjectNode metadata = document.putObject("metadata");
        metadata.put("name", resource.getMetadata().getName());
        metadata.put("namespace", resource.getMetadata().getNamespace());
        if (resource.getSpec() != null) {
            ObjectNode spec = JSON.valueToTree(resource.getSpec());
            if (defaults != null) fillExecution(spec, defaults);
            document.set("spec", spec);
        }
        ConnectivitySweep sweep = SweepLoader.parse(document.toString(), null);
        admit(sweep);
        return sweep;
    }

    /**
     * A task runs alone in a pod of {@code execution.resources.memory} (the operator's default when
     * the sweep sets none), grown on a retry for memory up to {@code resources.maxMemory}, so its
     * estimated memory must fit the largest attempt ({@link Budget#pod(
     * dev.isthmus.api.spec.ExecutionSpec)}).
     *
     * @throws dev.isthmus.api.validation.SpecException naming the field that makes it too large
     */
    static void admit(ConnectivitySweep sweep) {
        ResourcesSpec resources = sweep.spec().execution().resources();
        if (resources != null && resources.memory() != null) {
            Admission.requireFits(sweep, Budget.pod(sweep.spec().execution()), null);
        }
    }

    /**
     * The operator's defaults for what {@code spec.execution} leaves out: the store, its
     * credentials Secret (s3:// only) and the worker resources. What a sweep sets is kept.
     */
    static void fillExecution(ObjectNode spec, OperatorSettings.SweepDefaults defaults) {
        if (spec.has("execution") && !spec.get("execution").isObject()) {
            return; // the loader reports the wrong type with its field path
        }
        ObjectNode execution =
                spec.has("execution")
                        ? (ObjectNode) spec.get("execution")
                        : spec.putObject("execution");
        if (!execution.has("store")) {
            defaults.store().ifPresent(store -> execution.put("store", store));
        }
        boolean s3 = execution.path("store").asText("").startsWith("s3://");
        if (s3 && !execution.has("storeCredentials")) {
            defaults.storeCredentialsSecret()
                    .filter(secret -> !secret.isBlank())
                    .ifPresent(
                            secret ->
                                    execution.putObject("storeCredentials").put("secret", secret));
        }
        if (!execution.has("resources")) {
            ObjectNode resources = JSON.createObjectNode();
            defaults.resources().cpu().ifPresent(cpu -> resources.put("cpu", cpu));
            defaults.resources().memory().ifPresent(memory -> resources.put("memory", memory));
            defaults.resources()
                    .gpu()
                    .filter(gpu -> gpu > 0)
                    .ifPresent(gpu -> resources.put("gpu", gpu));
            if (!resources.isEmpty()) execution.set("resources", resources);
        }
        if (execution.isEmpty()) spec.remove("execution");
    }
}
