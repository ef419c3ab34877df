package dev.isthmus.operator.real;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.isthmus.operator.SweepAwait;
import dev.isthmus.operator.Sweeps;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The operator's Workflow watch on a real API server: a Workflow deleted by someone else (its sweep
 * still there) is seen and created again; create, update and delete of the sweep itself are in
 * {@link SweepLifecycleTest}.
 */
@QuarkusTest
@TestProfile(RealApiServerProfile.class)
class WatchesTest {

    @Inject KubernetesClient client;

    @Test
    void workflowDeletedBehindTheOperatorsBackIsCreatedAgain() {
        client.resource(Sweeps.small("watched", "")).inNamespace(Sweeps.NAMESPACE).create();
        String first = SweepAwait.workflow(client, "watched-g1").getMetadata().getUid();
        client.genericKubernetesResources("argoproj.io/v1alpha1", "Workflow")
                .inNamespace(Sweeps.NAMESPACE)
                .withName("watched-g1")
                .delete();
        await().pollInterval(Duration.ofMillis(20))
                .atMost(Duration.ofSeconds(15))
                .until(
                        () -> {
                            GenericKubernetesResource w = Sweeps.workflow(client, "watched-g1");
                            return w != null && !first.equals(w.getMetadata().getUid());
                        });
        assertNotEquals(first, Sweeps.workflow(client, "watched-g1").getMetadata().getUid());
    }
}
