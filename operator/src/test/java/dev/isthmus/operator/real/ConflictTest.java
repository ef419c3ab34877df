package dev.isthmus.operator.real;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.isthmus.operator.Scrape;
import dev.isthmus.operator.SweepAwait;
import dev.isthmus.operator.Sweeps;
import dev.isthmus.operator.resource.ConnectivitySweepResource;
import dev.isthmus.operator.resource.SweepStatus;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Optimistic concurrency on a real API server: a user's update from a copy read before the operator
 * wrote its status carries a stale resourceVersion and gets 409 Conflict, changing nothing; the
 * operator's own status writes (a JSON patch without a resourceVersion) never conflict, and the
 * retried update is reconciled into the next generation. The operator's own resourceVersion-locked
 * edit (stopping the old run) still lands while someone else keeps writing that Workflow; whether
 * it met a 409 on the way (the SDK then retries the reconcile) is not forced: the test prints the
 * failed-reconcile counter.
 */
@QuarkusTest
@TestProfile(RealApiServerProfile.class)
class ConflictTest {

    @Inject KubernetesClient client;

    @Test
    void staleUpdateGetsConflictAndTheRetryIsReconciled() {
        ConnectivitySweepResource copy =
                client.resource(Sweeps.small("stale", "")).inNamespace(Sweeps.NAMESPACE).create();
        SweepAwait.status(client, "stale", s -> "Pending".equals(s.phase()));

        ConnectivitySweepResource edited = SweepLifecycleTest.withAlphas(copy, 5);
        KubernetesClientException e =
                assertThrows(
                        KubernetesClientException.class, () -> client.resource(edited).update());
        assertEquals(409, e.getCode(), e.getMessage());
        assertEquals(1L, sweep().get().getMetadata().getGeneration());
        assertEquals(3, sweep().get().getSpec().alphas());

        int conflicts =
                retryOnConflict(() -> sweep().edit(s -> SweepLifecycleTest.withAlphas(s, 5)));
        System.out.println(
                "edit retried after " + conflicts + " conflicts with the operator's writes");
        SweepStatus status = SweepAwait.status(client, "stale", s -> s.observedGeneration() == 2L);
        assertEquals("stale-g2", status.workflow());
        assertEquals("Pending", status.phase());
        SweepAwait.workflow(client, "stale-g2");
    }

    @Test
    void operatorStopsTheOldRunWhileSomeoneElseKeepsWritingIt() throws Exception {
        client.resource(Sweeps.small("busy", "")).inNamespace(Sweeps.NAMESPACE).create();
        SweepAwait.workflow(client, "busy-g1");
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger writes = new AtomicInteger();
        Thread argo =
                new Thread(
                        () -> {
                            while (writing.get()) {
                                try {
                                    workflow("busy-g1")
                                            .patch(
                                                    PatchContext.of(PatchType.JSON_MERGE),
                                                    "{\"metadata\": {\"annotations\": {\"tick\": \""
                                                            + writes.incrementAndGet()
                                                            + "\"}}}");
                                } catch (KubernetesClientException e) {
                                    return; // deleted
                                }
                            }
                        });
        argo.start();
        try {
            retryOnConflict(
                    () ->
                            client.resources(ConnectivitySweepResource.class)
                                    .inNamespace(Sweeps.NAMESPACE)
                                    .withName("busy")
                                    .edit(s -> SweepLifecycleTest.withAlphas(s, 5)));
            await().atMost(Duration.ofSeconds(40))
                    .until(
                            () ->
                                    "Stop"
                                            .equals(
                                                    SweepLifecycleTest.spec(
                                                                    Sweeps.workflow(
                                                                            client, "busy-g1"))
                                                            .get("shutdown")));
        } finally {
            writing.set(false);
            argo.join();
        }
        SweepStatus status = SweepAwait.status(client, "busy", s -> s.observedGeneration() == 2L);
        assertEquals("busy-g2", status.workflow());
        String failed =
                Scrape.metrics()
                        .lines()
                        .filter(l -> l.startsWith("isthmus_reconcile_failures_total"))
                        .collect(java.util.stream.Collectors.joining(", "));
        System.out.println(
                "old run stopped while its Workflow was written "
                        + writes.get()
                        + " times; "
                        + failed);
    }

    private Resource<GenericKubernetesResource> workflow(String name) {
        return client.genericKubernetesResources("argoproj.io/v1alpha1", "Workflow")
                .inNamespace(Sweeps.NAMESPACE)
                .withName(name);
    }

    /**
     * Runs {@code update} until it does not conflict (as kubectl edit does); Fabric8's edit sends
     * the resourceVersion it read, so the operator's status write in between makes it 409 too.
     */
    static int retryOnConflict(Runnable update) {
        for (int conflicts = 0; ; conflicts++) {
            try {
                update.run();
                return conflicts;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || conflicts == 10) {
                    throw e;
                }
            }
        }
    }

    private Resource<ConnectivitySweepResource> sweep() {
        return client.resources(ConnectivitySweepResource.class)
                .inNamespace(Sweeps.NAMESPACE)
                .withName("stale");
    }
}
