package dev.isthmus.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The operator pod passes the restricted Pod Security Standard, whatever the values. */
class PodSecurityTest {

    @ParameterizedTest
    @ValueSource(strings = {"monitoring", "namespaced"})
    void operatorPodIsRestricted(String values) {
        PodSpec pod =
                ChartRenderTest.deployment(Chart.objects(Chart.template(Chart.values(values))))
                        .getSpec()
                        .getTemplate()
                        .getSpec();
        assertTrue(pod.getSecurityContext().getRunAsNonRoot());
        assertEquals(65532L, pod.getSecurityContext().getRunAsUser());
        assertEquals("RuntimeDefault", pod.getSecurityContext().getSeccompProfile().getType());
        for (Container c : pod.getContainers()) {
            SecurityContext sc = c.getSecurityContext();
            assertFalse(sc.getAllowPrivilegeEscalation(), c.getName());
            assertTrue(sc.getReadOnlyRootFilesystem(), c.getName());
            assertTrue(sc.getRunAsNonRoot(), c.getName());
            assertEquals(65532L, sc.getRunAsUser());
            assertEquals(List.of("ALL"), sc.getCapabilities().getDrop());
            assertTrue(
                    sc.getCapabilities().getAdd() == null
                            || sc.getCapabilities().getAdd().isEmpty());
            assertEquals("RuntimeDefault", sc.getSeccompProfile().getType());
            // a read-only root needs a writable /tmp for the JVM
            assertTrue(
                    c.getVolumeMounts().stream().anyMatch(m -> m.getMountPath().equals("/tmp")),
                    c.getName());
        }
        assertTrue(pod.getVolumes().stream().anyMatch(v -> v.getEmptyDir() != null));
    }
}
