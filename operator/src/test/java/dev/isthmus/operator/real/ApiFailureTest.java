package dev.isthmus.operator.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isthmus.operator.SweepAwait;
import dev.isthmus.operator.Sweeps;
import dev.isthmus.operator.resource.SweepCondition;
import dev.isthmus.operator.resource.SweepStatus;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A Workflow the API server refuses reaches the sweep's status. A ResourceQuota allowing no
 * Workflows in the namespace makes the real kube-apiserver's quota admission refuse the create (a
 * bare API server has no quota controller, so the quota's status is written here as that controller
 * would); the sweep's Ready condition then carries the server's answer in a sentence, a Warning
 * event says the same, and once the quota is gone the operator's retry creates the Workflow and the
 * condition clears.
 */
// Slow tier: about 20 s, most of it the operator's retry backoff after the quota is gone.
@org.junit.jupiter.api.Tag("slow")
@QuarkusTest
@TestProfile(RealApiServerProfile.class)
class ApiFailureTest {

    private static final String WORKFLOWS = "count/workflows.argoproj.io";

    @Inject KubernetesClient client;

    @Test
    void refusedWorkflowIsReportedAndRetriedUntilItIsCreated() {
        ResourceQuota quota = noWorkflows();
        try {
            client.resource(Sweeps.small("quota", "")).inNamespace(Sweeps.NAMESPACE).create();
            SweepStatus refused =
                    SweepAwait.status(
                            client,
                            "quota",
                            s ->
                                    s.conditions() != null
                                            && "ApiServerRefused".equals(ready(s).reason()));
            SweepCondition ready = ready(refused);
            assertEquals("False", ready.status());
            assertTrue(
                    ready.message()
                            .startsWith(
                                    "The operator could not create the Argo Workflow quota-g1:"
                                            + " the API server answered 403 Forbidden ("),
                    ready.message());
            assertTrue(ready.message().contains("exceeded quota: no-workflows"), ready.message());
            assertTrue(ready.message().endsWith("; it retries with backoff."), ready.message());
            assertTrue(!ready.message().contains("Exception"), ready.message());
            assertEquals("Pending", refused.phase());
            assertNull(refused.observedGeneration(), "generation 1 is not observed yet");
            assertNull(Sweeps.workflow(client, "quota-g1"));
            assertTrue(
                    client.v1().events().inNamespace(Sweeps.NAMESPACE).list().getItems().stream()
                            .anyMatch(
                                    e ->
                                            "quota".equals(e.getInvolvedObject().getName())
                                                    && "ApiServerRefused".equals(e.getReason())
                                                    && ready.message().equals(e.getMessage())));
            System.out.println("kubectl describe: Warning ApiServerRefused " + ready.message());
            String refusals =
                    dev.isthmus.operator.Scrape.metrics()
                            .lines()
                            .filter(
                                    l ->
                                            l.startsWith(
                                                    "isthmus_reconcile_failures_total{reason=\"ApiServerRefused\""))
                            .findFirst()
                            .orElse("(absent) 0");
            assertTrue(
                    Double.parseDouble(refusals.substring(refusals.lastIndexOf(' ') + 1)) >= 1,
                    "the refusal is not counted: " + refusals);
        } finally {
            client.resource(quota).delete();
        }
        SweepAwait.workflow(client, "quota-g1");
        SweepStatus recovered =
                SweepAwait.status(
                        client, "quota", s -> s.conditions() != null && ready(s).isTrue());
        assertEquals(1L, recovered.observedGeneration());
        assertEquals("WorkflowCreated", ready(recovered).reason());
        client.resource(Sweeps.small("quota", "")).inNamespace(Sweeps.NAMESPACE).delete();
    }

    /** A quota of zero Workflows, with the status the quota controller would give it. */
    private ResourceQuota noWorkflows() {
        Map<String, Quantity> none = Map.of(WORKFLOWS, new Quantity("0"));
        ResourceQuota quota =
                client.resource(
                                new ResourceQuotaBuilder()
                                        .withNewMetadata()
                                        .withName("no-workflows")
                                        .withNamespace(Sweeps.NAMESPACE)
                                        .endMetadata()
                                        .withNewSpec()
                                        .withHard(none)
                                        .endSpec()
                                        .build())
                        .create();
        quota.setStatus(
                new io.fabric8.kubernetes.api.model.ResourceQuotaStatusBuilder()
                        .withHard(none)
                        .withUsed(none)
                        .build());
        return client.resource(quota).updateStatus();
    }

    private static SweepCondition ready(SweepStatus status) {
        return SweepLifecycleTest.condition(status, "Ready");
    }
}
