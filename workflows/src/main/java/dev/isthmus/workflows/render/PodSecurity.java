package dev.isthmus.workflows.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The security settings of every worker pod, enough for the Kubernetes "restricted" Pod Security
 * Standard: a fixed non-root user, no privilege escalation, no capabilities, the runtime's default
 * seccomp profile and a read-only root file system (tasks write only to the run store and the
 * scratch volume).
 */
final class PodSecurity {

    /** The worker image's non-root user and group (the distroless "nonroot" ids). */
    static final long UID = 65532;

    private static final String RUNTIME_DEFAULT = "RuntimeDefault";

    private PodSecurity() {}

    /** Pod level; {@code fsGroup} makes the mounted volume claim writable by {@link #UID}. */
    static PodSecurityContext pod() {
        return new PodSecurityContextBuilder()
                .withRunAsNonRoot(true)
                .withRunAsUser(UID)
                .withRunAsGroup(UID)
                .withFsGroup(UID)
                .withNewSeccompProfile()
                .withType(RUNTIME_DEFAULT)
                .endSeccompProfile()
                .build();
    }

    /**
     * Argo adds two containers of its own to every pod, {@code init} and {@code wait} (the emissary
     * executor), without a security context unless the controller's ConfigMap sets one
     * cluster-wide; a real API server then refuses the pod in a namespace that enforces the
     * restricted standard ("allowPrivilegeEscalation != false (containers "init", "wait" ...)").
     * This patch gives them the same settings as the task's own container, so a rendered Workflow
     * passes on any Argo install.
     */
    static String executorPatch() {
        Map<String, Object> patch = new LinkedHashMap<>();
        patch.put("initContainers", List.of(named(ARGO_INIT)));
        patch.put("containers", List.of(named(ARGO_WAIT)));
        try {
            return new ObjectMapper().writeValueAsString(patch);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the executor patch does not serialise", e);
        }
    }

    /** The names Argo gives its executor containers. */
    static final String ARGO_INIT = "init";

    static final String ARGO_WAIT = "wait";

    private static Map<String, Object> named(String name) {
        Map<String, Object> container = new LinkedHashMap<>();
        container.put("name", name);
        container.put("securityContext", container());
        return container;
    }

    static SecurityContext container() {
        return new SecurityContextBuilder()
                .withRunAsNonRoot(true)
                .withRunAsUser(UID)
                .withAllowPrivilegeEscalation(false)
                .withReadOnlyRootFilesystem(true)
                .withNewCapabilities()
                .withDrop("ALL")
                .endCapabilities()
                .withNewSeccompProfile()
                .withType(RUNTIME_DEFAULT)
                .endSeccompProfile()
                .build();
    }
}
