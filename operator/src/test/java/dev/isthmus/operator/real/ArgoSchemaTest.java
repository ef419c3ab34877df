package dev.isthmus.operator.real;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.isthmus.operator.Sweeps;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Argo's own CRD schemas (v3.7.18, applied whole) accept what the operator renders: the
 * CronWorkflow of a scheduled sweep here, the Workflow in {@link SweepLifecycleTest}. The schedule
 * and history logic stays in the mock-server ScheduledSweepTest.
 */
@QuarkusTest
@TestProfile(RealApiServerProfile.class)
class ArgoSchemaTest {

    @Inject KubernetesClient client;

    @Test
    void scheduledSweepsCronWorkflowPassesArgosSchema() {
        client.resource(Sweeps.small("cronned", "  schedule: \"0 2 * * *\"\n"))
                .inNamespace(Sweeps.NAMESPACE)
                .create();
        await().pollInterval(Duration.ofMillis(20))
                .atMost(Duration.ofSeconds(15))
                .until(() -> cron("cronned-g1") != null);
        GenericKubernetesResource cron = cron("cronned-g1");
        assertEquals("cronned", cron.getMetadata().getOwnerReferences().get(0).getName());
        assertEquals(List.of("0 2 * * *"), SweepLifecycleTest.spec(cron).get("schedules"));
    }

    private GenericKubernetesResource cron(String name) {
        return client.genericKubernetesResources("argoproj.io/v1alpha1", "CronWorkflow")
                .inNamespace(Sweeps.NAMESPACE)
                .withName(name)
                .get();
    }
}
