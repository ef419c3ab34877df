package dev.isthmus.workflows.render;

import dev.isthmus.api.spec.ResourcesSpec;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The worker container of a pod: the image's {@code isthmus} command with an argument list (never a
 * shell, so no spec text is ever parsed as shell syntax), the requested resources, the volume
 * mounts and a locked-down security context.
 */
final class WorkerContainer {

    /** The command every worker image provides on its PATH. */
    static final String COMMAND = "isthmus";

    static final String GPU = "nvidia.com/gpu";

    private WorkerContainer() {}

    static Container of(
            RenderOptions options,
            StorePlacement store,
            ResourcesSpec resources,
            List<String> args) {
        return new ContainerBuilder()
                .withName("main")
                .withImage(options.image())
                .withCommand(COMMAND)
                .withArgs(args)
                // an s3:// store's local cache lives on the writable scratch volume
                .addNewEnv()
                .withName("ISTHMUS_CACHE")
                .withValue(options.scratchPath() + "/cache")
                .endEnv()
                .withEnvFrom(store.envFrom())
                .withResources(resources(resources))
                .withVolumeMounts(store.mounts(options))
                .withSecurityContext(PodSecurity.container())
                .build();
    }

    /**
     * Requests for CPU and memory; memory and GPUs also as limits (GPUs cannot be overcommitted,
     * and a memory limit makes an out-of-memory kill exit 137, which is retried). CPU is not
     * limited: throttling would only slow a task down.
     */
    static ResourceRequirements resources(ResourcesSpec resources) {
        if (resources == null) {
            return null;
        }
        Map<String, Quantity> requests = new LinkedHashMap<>();
        Map<String, Quantity> limits = new LinkedHashMap<>();
        if (resources.cpu() != null) {
            requests.put("cpu", new Quantity(resources.cpu()));
        }
        if (resources.memory() != null) {
            requests.put("memory", new Quantity(resources.memory()));
            limits.put("memory", new Quantity(resources.memory()));
        }
        Integer gpu = resources.gpu();
        if (gpu != null && gpu > 0) {
            requests.put(GPU, new Quantity(gpu.toString()));
            limits.put(GPU, new Quantity(gpu.toString()));
        }
        if (requests.isEmpty()) {
            return null;
        }
        ResourceRequirements out = new ResourceRequirements();
        out.setRequests(requests);
        out.setLimits(limits.isEmpty() ? null : limits);
        return out;
    }
}
