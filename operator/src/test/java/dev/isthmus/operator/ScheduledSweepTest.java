package dev.isthmus.operator;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isthmus.operator.resource.ScheduledRun;
import dev.isthmus.operator.resource.SweepCondition;
import dev.isthmus.operator.resource.SweepStatus;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A scheduled sweep becomes an owned CronWorkflow; the Workflows it creates (simulated, with the
 * labels Argo copies from the CronWorkflow) fill a bounded history, each held to the regression
 * gate against the previous run.
 */
@QuarkusTest
@WithKubernetesTestServer(setup = ArgoCrds.class)
class ScheduledSweepTest {

    static final String SCHEDULE =
            """
              schedule: "0 2 * * *"
              regression: {maxLossBarrier: 0.5, maxIncrease: 0.02}
            """;

    @Inject KubernetesClient client;

    @Test
    void scheduledRunsFillABoundedHistoryAndRegressionsAreFlagged() {
        client.resource(Sweeps.small("nightly", SCHEDULE)).inNamespace(Sweeps.NAMESPACE).create();
        await().atMost(Duration.ofSeconds(15)).until(() -> cron("nightly-g1") != null);
        GenericKubernetesResource cron = cron("nightly-g1");
        assertEquals("ConnectivitySweep", cron.getMetadata().getOwnerReferences().get(0).getKind());

        int runs = 12;
        for (int i = 1; i <= runs; i++) {
            double aligned = i == runs ? 0.20 : 0.05 + i * 0.001;
            run("nightly-g1-%02d".formatted(i), aligned);
            int seen = Math.min(i, 10);
            String newest = "nightly-g1-%02d".formatted(i);
            SweepAwait.status(
                    client,
                    "nightly",
                    s ->
                            s.history() != null
                                    && s.history().size() == seen
                                    && s.history().get(0).workflow().equals(newest));
        }
        SweepStatus status = SweepAwait.status(client, "nightly", s -> s.history().size() == 10);
        assertEquals("nightly-g1-12", status.history().get(0).workflow());
        assertEquals(
                "nightly-g1-03", status.history().get(9).workflow(), status.history().toString());
        ScheduledRun last = status.history().get(0);
        assertTrue(last.regressed());
        assertEquals(
                "weight-matching/linear: increase 0.1390 > maxIncrease 0.0200",
                last.reasons().get(0));
        assertTrue(status.history().subList(1, 10).stream().noneMatch(ScheduledRun::regressed));
        SweepCondition regressed =
                status.conditions().stream()
                        .filter(c -> c.type().equals("Regressed"))
                        .findFirst()
                        .orElseThrow();
        assertTrue(regressed.isTrue());
        assertEquals("GateFailed", regressed.reason());
        assertEquals("Succeeded", status.phase());
        assertEquals(0.2, status.bestBarrier());

        String metrics = Scrape.metrics();
        Scrape.assertSeries(metrics, "isthmus_regressions_total 1.0");
        Scrape.assertSeries(metrics, "isthmus_runs_completed_total{result=\"Succeeded\"} 12.0");
        Scrape.assertSeries(metrics, "isthmus_runs_completed_total{result=\"Failed\"} 0.0");
        Scrape.assertSeries(metrics, "isthmus_gpu_seconds_total 2160.0");
        Scrape.assertSeries(
                metrics, "isthmus_scheduled_last_success_timestamp_seconds 1.79548578E9");
        Scrape.assertListedSeriesExported(metrics);
        assertTrue(
                client.v1().events().inNamespace(Sweeps.NAMESPACE).list().getItems().stream()
                        .anyMatch(e -> "Regressed".equals(e.getReason())));
    }

    private GenericKubernetesResource cron(String name) {
        return client.genericKubernetesResources("argoproj.io/v1alpha1", "CronWorkflow")
                .inNamespace(Sweeps.NAMESPACE)
                .withName(name)
                .get();
    }

    /** A finished run as Argo creates it from the CronWorkflow (labels copied from it). */
    private void run(String name, double aligned) {
        GenericKubernetesResource workflow =
                new GenericKubernetesResourceBuilder()
                        .withApiVersion("argoproj.io/v1alpha1")
                        .withKind("Workflow")
                        .withNewMetadata()
                        .withName(name)
                        .withNamespace(Sweeps.NAMESPACE)
                        .withLabels(
                                Map.of(
                                        "isthmus.dev/sweep", "nightly",
                                        "isthmus.dev/generation", "1",
                                        "workflows.argoproj.io/cron-workflow", "nightly-g1"))
                        .endMetadata()
                        .build();
        Map<String, Object> status =
                Sweeps.status(
                        "Succeeded",
                        Map.of("train(0:0)", "Succeeded"),
                        Sweeps.summary("nightly", 0.9, aligned),
                        "2026-11-24T02:00:00Z",
                        "2026-11-24T02:03:00Z");
        status.put("resourcesDuration", Map.of("cpu", 400, "memory", 900, "nvidia.com/gpu", 180));
        workflow.getAdditionalProperties().put("status", status);
        client.resource(workflow).create();
    }
}
