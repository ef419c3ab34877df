package dev.isthmus.workflows.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isthmus.workflows.argo.ArgoResource;
import dev.isthmus.workflows.argo.Workflow;
import dev.isthmus.workflows.argo.WorkflowSpec;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.SecurityContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What each pod asks for and is allowed: resources, scheduling, identity, security, labels. */
class PodSettingsTest {

    static final String CLUSTER =
            "{parallelism: 6, resources: {gpu: 2, cpu: '8', memory: 24Gi}, nodeSelector: {pool:"
                    + " a100}, tolerations: [{key: nvidia.com/gpu, operator: Exists, effect:"
                    + " NoSchedule}]}";

    @Test
    void everyStageGetsTheSameResources() {
        WorkflowSpec spec = StorePlacementTest.render(TestSweeps.small(CLUSTER));
        Container evaluate = StorePlacementTest.container(spec, "evaluate");
        Container aggregate = StorePlacementTest.container(spec, "aggregate");

        assertEquals("2", evaluate.getResources().getLimits().get("nvidia.com/gpu").toString());
        assertEquals("8", evaluate.getResources().getRequests().get("cpu").toString());
        assertEquals("24Gi", evaluate.getResources().getLimits().get("memory").toString());
        assertNull(evaluate.getResources().getLimits().get("cpu"), "CPU is not throttled");
        // Aggregation checks the curves on the device kind that computed them.
        assertEquals(evaluate.getResources(), aggregate.getResources());
        assertEquals(6, spec.parallelism());
        assertEquals(Map.of("pool", "a100"), spec.nodeSelector());
        assertEquals("NoSchedule", spec.tolerations().get(0).getEffect());
        String yaml =
                TestSweeps.yaml(
                        TestSweeps.sweep("gpu", TestSweeps.small(CLUSTER)),
                        RenderOptions.defaults());
        assertTrue(yaml.contains("nvidia.com/gpu: \"2\""), "quantities are quoted strings");
    }

    @Test
    void podsRunLockedDownAsAFixedNonRootUser() {
        WorkflowSpec spec = StorePlacementTest.render(TestSweeps.small("{}"));
        SecurityContext container =
                StorePlacementTest.container(spec, "train").getSecurityContext();

        assertEquals(true, spec.securityContext().getRunAsNonRoot());
        assertEquals(65532L, spec.securityContext().getRunAsUser());
        assertEquals("RuntimeDefault", spec.securityContext().getSeccompProfile().getType());
        assertEquals(true, container.getReadOnlyRootFilesystem());
        assertEquals(false, container.getAllowPrivilegeEscalation());
        assertEquals(List.of("ALL"), container.getCapabilities().getDrop());
        assertEquals("RuntimeDefault", container.getSeccompProfile().getType());
    }

    @Test
    void argosOwnInitAndWaitContainersAreLockedDownAsTheTasksIs() throws Exception {
        // A real API server enforcing "restricted" refused pods whose init and wait containers
        // (Argo's emissary executor) had no security context (e2e/, on Kubernetes 1.34).
        WorkflowSpec spec = StorePlacementTest.render(TestSweeps.small("{}"));
        var patch = new com.fasterxml.jackson.databind.ObjectMapper().readTree(spec.podSpecPatch());
        var task = StorePlacementTest.container(spec, "train").getSecurityContext();
        var expected = new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(task);
        assertEquals("init", patch.path("initContainers").get(0).path("name").asText());
        assertEquals("wait", patch.path("containers").get(0).path("name").asText());
        for (var container :
                List.of(patch.path("initContainers").get(0), patch.path("containers").get(0))) {
            var context = container.path("securityContext");
            assertEquals(expected.toString(), context.toString());
            assertEquals(false, context.path("allowPrivilegeEscalation").asBoolean(true));
            assertEquals("ALL", context.path("capabilities").path("drop").get(0).asText());
        }
    }

    @Test
    void optionsNameTheImageAccountAndGeneration() {
        ArgoResource rendered =
                WorkflowRenderer.render(
                        TestSweeps.sweep("opts", TestSweeps.small("{}")),
                        RenderOptions.defaults()
                                .withImage("registry.local/isthmus:dev")
                                .withServiceAccount("sweeper")
                                .withGeneration(12L));

        assertEquals("opts-g12", rendered.metadata().getName());
        assertEquals(
                Map.of("isthmus.dev/sweep", "opts", "isthmus.dev/generation", "12"),
                rendered.metadata().getLabels());
        assertEquals("sweeper", rendered.workflowSpec().serviceAccountName());
        assertEquals(
                "registry.local/isthmus:dev",
                StorePlacementTest.container(rendered.workflowSpec(), "align").getImage());
        assertEquals(
                Map.of("isthmus.dev/sweep", "opts"),
                rendered.workflowSpec().podMetadata().labels());
    }

    @Test
    void withoutAGenerationArgoGeneratesTheName() {
        Workflow w =
                (Workflow)
                        WorkflowRenderer.render(
                                TestSweeps.sweep("gen", TestSweeps.small("{}")),
                                RenderOptions.defaults());

        assertNull(w.metadata().getName());
        assertEquals("gen-", w.metadata().getGenerateName());
        assertTrue(
                RenderOptions.DEFAULT_IMAGE.startsWith("ghcr.io/isthmus-dev/isthmus-workers:0."));
        assertEquals("isthmus-worker", w.spec().serviceAccountName());
    }
}
