package dev.isthmus.operator.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.isthmus.operator.SweepAwait;
import dev.isthmus.operator.Sweeps;
import dev.isthmus.operator.resource.ConnectivitySweepResource;
import dev.isthmus.operator.resource.SweepStatus;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The status subresource on a real API server: the operator's status writes leave {@code
 * metadata.generation} alone, a metadata change does too, a spec change bumps it and the operator's
 * {@code observedGeneration} follows; status sent with the main resource is dropped.
 */
@QuarkusTest
@TestProfile(RealApiServerProfile.class)
class StatusSubresourceTest {

    @Inject KubernetesClient client;

    @Test
    void onlySpecChangesBumpTheGenerationAndObservedGenerationFollows() {
        ConnectivitySweepResource created =
                client.resource(Sweeps.small("gen", "")).inNamespace(Sweeps.NAMESPACE).create();
        assertEquals(1L, created.getMetadata().getGeneration());
        SweepStatus pending = SweepAwait.status(client, "gen", s -> "Pending".equals(s.phase()));
        assertEquals(1L, pending.observedGeneration());
        ConnectivitySweepResource written = sweep("gen").get();
        assertNotEquals(
                created.getMetadata().getResourceVersion(),
                written.getMetadata().getResourceVersion(),
                "the operator wrote the status (and its finalizer)");
        assertEquals(1L, written.getMetadata().getGeneration(), "a status write bumped it");

        ConnectivitySweepResource labelled =
                sweep("gen")
                        .patch(
                                PatchContext.of(PatchType.JSON_MERGE),
                                "{\"metadata\": {\"labels\": {\"team\": \"a\"}}}");
        assertEquals(1L, labelled.getMetadata().getGeneration(), "a label change bumped it");

        ConnectivitySweepResource changed =
                sweep("gen")
                        .patch(
                                PatchContext.of(PatchType.JSON_MERGE),
                                "{\"spec\": {\"alphas\": 5}}");
        assertEquals(2L, changed.getMetadata().getGeneration());
        SweepStatus second = SweepAwait.status(client, "gen", s -> s.observedGeneration() == 2L);
        assertEquals("gen-g2", second.workflow());
        assertEquals(2L, sweep("gen").get().getMetadata().getGeneration());
    }

    @Test
    void statusSentWithTheMainResourceIsDropped() {
        GenericKubernetesResource sweep =
                Serialization.unmarshal(
                        Serialization.asJson(Sweeps.small("forged", "")),
                        GenericKubernetesResource.class);
        sweep.getAdditionalProperties().put("status", Map.of("phase", "Succeeded"));
        GenericKubernetesResource created = client.resource(sweep).create();
        assertNull(created.getAdditionalProperties().get("status"), "status kept on create");

        SweepAwait.status(client, "forged", s -> "Pending".equals(s.phase()));
        ConnectivitySweepResource patched =
                sweep("forged")
                        .patch(
                                PatchContext.of(PatchType.JSON_MERGE),
                                "{\"status\": {\"phase\": \"Succeeded\"}}");
        assertEquals("Pending", patched.getStatus().phase());
        assertEquals(1L, patched.getMetadata().getGeneration());
    }

    private Resource<ConnectivitySweepResource> sweep(String name) {
        return client.resources(ConnectivitySweepResource.class)
                .inNamespace(Sweeps.NAMESPACE)
                .withName(name);
    }
}
