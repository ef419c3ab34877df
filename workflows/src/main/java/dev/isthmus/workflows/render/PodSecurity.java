package dev.isthmus.workflows.render;

import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;

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
