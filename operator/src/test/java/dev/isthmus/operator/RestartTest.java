package dev.isthmus.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isthmus.operator.metrics.SweepMetrics;
import dev.isthmus.operator.reconcile.ConnectivitySweepReconciler;
import dev.isthmus.operator.reconcile.OperatorSettings;
import dev.isthmus.operator.resource.ConnectivitySweepResource;
import dev.isthmus.operator.resource.SweepStatus;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.lang.reflect.Proxy;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An operator restart loses nothing and duplicates nothing: a fresh reconciler (new memory, new
 * metrics) given the stored sweep and its observed Workflows creates no second Workflow and writes
 * no change; given the sweep with its status lost, it rebuilds the same status.
 */
@QuarkusTest
@WithKubernetesTestServer(setup = ArgoCrds.class)
class RestartTest {

    @Inject KubernetesClient client;
    @Inject OperatorSettings settings;

    @Test
    void freshReconcilerNeitherDuplicatesNorLosesAnything() {
        client.resource(Sweeps.small("again", "")).inNamespace(Sweeps.NAMESPACE).create();
        SweepAwait.status(client, "again", s -> "Pending".equals(s.phase()));
        Map<String, String> pods = new LinkedHashMap<>();
        pods.put("train(0:0)", "Succeeded");
        Sweeps.setStatus(
                client,
                "again-g1",
                Sweeps.status(
                        "Succeeded",
                        pods,
                        Sweeps.summary("again", 0.7, 0.03),
                        "2026-11-24T01:00:00Z",
                        "2026-11-24T01:05:00Z"));
        SweepStatus before = SweepAwait.status(client, "again", s -> "Succeeded".equals(s.phase()));

        ConnectivitySweepReconciler fresh =
                new ConnectivitySweepReconciler(
                        client, new SweepMetrics(new SimpleMeterRegistry()), settings);
        ConnectivitySweepResource stored = stored();
        UpdateControl<ConnectivitySweepResource> same = fresh.reconcile(stored(), context());
        assertEquals(
                stored.getStatus(),
                same.getResource()
                        .map(ConnectivitySweepResource::getStatus)
                        .orElse(stored.getStatus()),
                "status unchanged after a restart");
        assertTrue(same.isNoUpdate());
        assertEquals(1, workflows().size());

        ConnectivitySweepResource lost = stored();
        lost.setStatus(null);
        client.resources(ConnectivitySweepResource.class)
                .inNamespace(Sweeps.NAMESPACE)
                .withName("again")
                .subresource("status")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"status\": null}");
        UpdateControl<ConnectivitySweepResource> rebuilt =
                new ConnectivitySweepReconciler(
                                client, new SweepMetrics(new SimpleMeterRegistry()), settings)
                        .reconcile(lost, context());
        SweepStatus status = stored().getStatus();
        assertEquals(before.phase(), status.phase());
        assertEquals(before.progress(), status.progress());
        assertEquals(before.summary(), status.summary());
        assertEquals(before.bestBarrier(), status.bestBarrier());
        assertEquals(before.results(), status.results());
        assertEquals(before.observedGeneration(), status.observedGeneration());
        assertNull(status.failedTasks());
        assertEquals(1, workflows().size());
    }

    private ConnectivitySweepResource stored() {
        return client.resources(ConnectivitySweepResource.class)
                .inNamespace(Sweeps.NAMESPACE)
                .withName("again")
                .get();
    }

    private List<GenericKubernetesResource> workflows() {
        return client.genericKubernetesResources("argoproj.io/v1alpha1", "Workflow")
                .inNamespace(Sweeps.NAMESPACE)
                .withLabel("isthmus.dev/sweep", "again")
                .list()
                .getItems();
    }

    /** A context that only knows the sweep's Workflows, as the informer would after a restart. */
    @SuppressWarnings("unchecked")
    private Context<ConnectivitySweepResource> context() {
        return (Context<ConnectivitySweepResource>)
                Proxy.newProxyInstance(
                        getClass().getClassLoader(),
                        new Class<?>[] {Context.class},
                        (proxy, method, args) -> {
                            if (method.getName().equals("getSecondaryResources")) {
                                return new HashSet<>(workflows());
                            }
                            if (method.getName().equals("getClient")) {
                                return client;
                            }
                            throw new UnsupportedOperationException(method.getName());
                        });
    }
}
