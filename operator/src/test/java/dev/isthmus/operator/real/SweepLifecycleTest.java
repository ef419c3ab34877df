package dev.isthmus.operator.real;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isthmus.operator.Scrape;
import dev.isthmus.operator.SweepAwait;
import dev.isthmus.operator.Sweeps;
import dev.isthmus.operator.resource.ConnectivitySweepResource;
import dev.isthmus.operator.resource.SweepCondition;
import dev.isthmus.operator.resource.SweepStatus;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * A sweep's life on a real API server: created, rendered and owned; Argo's progress (simulated by
 * patching the Workflow's status, validated against Argo's schema) becomes the sweep's status and
 * metrics; a failed task degrades it; a spec change starts {@code -g2} and stops {@code -g1}; an
 * invalid spec gets a Warning event and no Workflow; deletion waits for the operator's finalizer,
 * which removes the Workflows. A bare kube-apiserver has no garbage collector (that runs in the
 * controller-manager), so owner references are checked as stored, not by their effect.
 */
@QuarkusTest
@TestProfile(RealApiServerProfile.class)
class SweepLifecycleTest {

    @Inject KubernetesClient client;

    @Test
    void createdSweepRunsAndReportsItsWorkflow() {
        long t0 = System.nanoTime();
        ConnectivitySweepResource sweep = create(Sweeps.small("life", ""));
        GenericKubernetesResource workflow = awaitWorkflow("life-g1");
        long created = System.nanoTime() - t0;

        assertEquals(1, workflow.getMetadata().getOwnerReferences().size());
        OwnerReference owner = workflow.getMetadata().getOwnerReferences().get(0);
        assertEquals("isthmus.dev/v1alpha1", owner.getApiVersion());
        assertEquals("ConnectivitySweep", owner.getKind());
        assertEquals("life", owner.getName());
        assertEquals(sweep.getMetadata().getUid(), owner.getUid());
        assertEquals(Boolean.TRUE, owner.getController());
        assertEquals(Boolean.TRUE, owner.getBlockOwnerDeletion());
        assertEquals("life", workflow.getMetadata().getLabels().get("isthmus.dev/sweep"));
        SweepStatus pending = awaitStatus("life", s -> "Pending".equals(s.phase()));
        assertEquals(1L, pending.observedGeneration());

        Map<String, String> pods = new LinkedHashMap<>();
        pods.put("train(0:0)", "Succeeded");
        pods.put("train(1:1)", "Running");
        long t1 = System.nanoTime();
        Sweeps.setStatus(
                client,
                "life-g1",
                Sweeps.status("Running", pods, null, "2026-11-24T01:00:00Z", null));
        SweepStatus running = awaitStatus("life", s -> "Running".equals(s.phase()));
        long observed = System.nanoTime() - t1;
        assertEquals("1/2", running.progress());
        assertTrue(condition(running, "Progressing").isTrue());
        assertEquals("2026-11-24T01:00:00Z", running.startedAt());

        pods.put("train(1:1)", "Succeeded");
        pods.put("align(0:0)", "Succeeded");
        Sweeps.setStatus(
                client,
                "life-g1",
                Sweeps.status(
                        "Succeeded",
                        pods,
                        Sweeps.summary("life", 0.8, 0.05),
                        "2026-11-24T01:00:00Z",
                        "2026-11-24T01:02:00Z"));
        SweepStatus done = awaitStatus("life", s -> "Succeeded".equals(s.phase()));
        assertEquals("4/4", done.progress());
        assertEquals(0.05, done.bestBarrier());
        assertEquals(2, done.summary().size());
        assertEquals("s3://bucket/isthmus/life/results.json", done.results());
        assertTrue(condition(done, "Succeeded").isTrue());
        assertEquals("False", condition(done, "Progressing").status());
        assertEquals("2026-11-24T01:02:00Z", done.finishedAt());

        String metrics = Scrape.metrics();
        Scrape.assertSeries(metrics, "isthmus_sweeps{phase=\"Succeeded\"} 1.0");
        Scrape.assertSeries(metrics, "isthmus_runs_completed_total{result=\"Succeeded\"} 1.0");
        Scrape.assertSeries(metrics, "isthmus_run_duration_seconds_count 1.0");
        Scrape.assertSeries(metrics, "isthmus_run_duration_seconds_sum 120.0");
        Scrape.assertSeries(
                metrics,
                "isthmus_loss_barrier_best{alignment=\"weight-matching\",path=\"linear\"} 0.05");
        Scrape.assertSeries(
                metrics, "isthmus_loss_barrier_worst{alignment=\"none\",path=\"linear\"} 0.8");
        Scrape.assertSeries(metrics, "isthmus_tasks{state=\"Succeeded\"} ");
        Scrape.assertSeries(metrics, "operator_sdk_reconciliations_success_total{");
        assertTrue(!metrics.contains("name=\"life\""), "per-resource reconcile metrics");
        Scrape.print(metrics);
        System.out.printf(
                "reconcile latency: create -> Workflow present %d ms; status patch -> sweep status %d ms%n",
                created / 1_000_000, observed / 1_000_000);
    }

    @Test
    void failedTaskDegradesTheSweep() {
        create(Sweeps.small("broken", ""));
        awaitWorkflow("broken-g1");
        Map<String, String> pods = new LinkedHashMap<>();
        pods.put("train(0:0)", "Succeeded");
        pods.put("evaluate(3:3)", "Failed");
        Sweeps.setStatus(
                client,
                "broken-g1",
                Sweeps.status("Running", pods, null, "2026-11-24T01:00:00Z", null));
        SweepStatus status =
                awaitStatus(
                        "broken", s -> s.conditions() != null && condition(s, "Degraded").isTrue());
        SweepCondition degraded = condition(status, "Degraded");
        assertEquals("TaskFailed", degraded.reason());
        assertEquals("evaluate(3:3) failed: Error (exit code 1)", degraded.message());
        assertEquals(1L, degraded.observedGeneration());
        assertNotNull(degraded.lastTransitionTime());
    }

    @Test
    void specChangeStartsTheNextGenerationAndStopsTheOld() {
        create(Sweeps.small("change", ""));
        awaitWorkflow("change-g1");
        client.resources(ConnectivitySweepResource.class)
                .inNamespace(Sweeps.NAMESPACE)
                .withName("change")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\": {\"alphas\": 5}}");
        GenericKubernetesResource second = awaitWorkflow("change-g2");
        assertEquals("2", second.getMetadata().getLabels().get("isthmus.dev/generation"));
        await().atMost(Duration.ofSeconds(10))
                .until(
                        () ->
                                "Stop"
                                        .equals(
                                                spec(Sweeps.workflow(client, "change-g1"))
                                                        .get("shutdown")));
        SweepStatus status = awaitStatus("change", s -> s.observedGeneration() == 2L);
        assertEquals("change-g2", status.workflow());
    }

    @Test
    void deletingTheSweepDeletesItsWorkflowsThroughTheFinalizer() {
        create(Sweeps.small("gone", ""));
        awaitWorkflow("gone-g1");
        var sweep =
                client.resources(ConnectivitySweepResource.class)
                        .inNamespace(Sweeps.NAMESPACE)
                        .withName("gone");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !sweep.get().getMetadata().getFinalizers().isEmpty());
        sweep.delete();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> Sweeps.workflow(client, "gone-g1") == null && sweep.get() == null);
        assertNull(Sweeps.workflow(client, "gone-g1"));
    }

    @Test
    void invalidSpecIsReportedWithItsFieldPathAndNotRun() {
        create(withAlphas(Sweeps.small("bad", ""), 1));
        SweepStatus status = awaitStatus("bad", s -> "Invalid".equals(s.phase()));
        SweepCondition ready = condition(status, "Ready");
        assertEquals("False", ready.status());
        assertEquals("InvalidSpec", ready.reason());
        assertTrue(ready.message().startsWith("spec.alphas: "), ready.message());
        await().atMost(Duration.ofSeconds(5))
                .until(
                        () ->
                                client
                                        .v1()
                                        .events()
                                        .inNamespace(Sweeps.NAMESPACE)
                                        .list()
                                        .getItems()
                                        .stream()
                                        .anyMatch(
                                                e ->
                                                        "bad"
                                                                        .equals(
                                                                                e.getInvolvedObject()
                                                                                        .getName())
                                                                && "Warning".equals(e.getType())
                                                                && e.getMessage()
                                                                        .startsWith(
                                                                                "spec.alphas: ")));
        assertNull(Sweeps.workflow(client, "bad-g1"));
        System.out.println("kubectl describe: Warning InvalidSpec " + ready.message());
    }

    @Test
    void aSweepTooLargeForItsPodMemoryIsRefusedWithTheBudgetAndNotRun() {
        var execution =
                new dev.isthmus.api.spec.ExecutionSpec(
                        1,
                        0,
                        "s3://bucket/isthmus",
                        null,
                        1,
                        new dev.isthmus.api.spec.ResourcesSpec(null, null, "1Mi", null),
                        null,
                        null,
                        null,
                        null);
        create(Sweeps.respec(Sweeps.small("tight", ""), 3, execution));
        SweepStatus status = awaitStatus("tight", s -> "Invalid".equals(s.phase()));
        SweepCondition ready = condition(status, "Ready");
        assertEquals("False", ready.status());
        assertEquals("InvalidSpec", ready.reason());
        assertTrue(
                ready.message()
                        .contains("the budget is 1 MiB (spec.execution.resources.memory: 1Mi)"),
                ready.message());
        assertTrue(ready.message().startsWith("spec."), ready.message());
        assertNull(Sweeps.workflow(client, "tight-g1"));
        System.out.println("kubectl describe: Warning InvalidSpec " + ready.message());
    }

    static ConnectivitySweepResource withAlphas(ConnectivitySweepResource sweep, int alphas) {
        return Sweeps.respec(sweep, alphas, sweep.getSpec().execution());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> spec(GenericKubernetesResource workflow) {
        return (Map<String, Object>) workflow.getAdditionalProperties().get("spec");
    }

    ConnectivitySweepResource create(ConnectivitySweepResource sweep) {
        return client.resource(sweep).inNamespace(Sweeps.NAMESPACE).create();
    }

    GenericKubernetesResource awaitWorkflow(String name) {
        return SweepAwait.workflow(client, name);
    }

    SweepStatus awaitStatus(String sweep, Predicate<SweepStatus> ready) {
        return SweepAwait.status(client, sweep, ready);
    }

    static SweepCondition condition(SweepStatus status, String type) {
        return status.conditions().stream()
                .filter(c -> c.type().equals(type))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no condition " + type + " in " + status));
    }
}
