package dev.isthmus.operator.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.isthmus.operator.ArgoCrds;
import dev.isthmus.operator.resource.ConnectivitySweepResource;
import dev.isthmus.operator.resource.SummaryRow;
import dev.isthmus.operator.resource.SweepStatus;
import dev.isthmus.workflows.render.WorkflowHarness;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * End to end without a cluster: the operator renders the sweep's Workflow on the mock API server,
 * the harness runs every pod's real {@code isthmus task …} arguments through the worker jar, the
 * aggregate's summary goes into the Workflow's status as Argo would put it, and the sweep reports
 * Succeeded with the barriers {@code isthmus run} computes for the same spec.
 */
@QuarkusTest
@TestProfile(EndToEndProfile.class)
@WithKubernetesTestServer(setup = ArgoCrds.class)
@Tag("slow")
class ClusterRunEndToEndTest {

    static final String NAME = "tiny";
    static final String SPEC =
            """
            spec:
              model: {architecture: mlp, hidden: [16]}
              dataset: {name: fashion-mnist, trainExamples: 1000, evalExamples: 300}
              endpoints: {train: {seeds: [0, 1], epochs: 2, batchSize: 50}}
              alignments: [none, weight-matching]
              paths: [linear]
              alphas: 5
              execution: {parallelism: 2, retries: 1, threads: 1}
            """;

    @Inject KubernetesClient client;

    @Test
    void clusterRunReportsTheBarriersOfTheLocalRun() throws Exception {
        long start = System.nanoTime();
        deleteRecursively(EndToEndProfile.ROOT); // a fresh store: nothing is skipped as done
        Files.createDirectories(EndToEndProfile.CLAIM);
        Files.createDirectories(EndToEndProfile.SCRATCH);
        String document =
                "apiVersion: isthmus.dev/v1alpha1\nkind: ConnectivitySweep\nmetadata: {name: "
                        + NAME
                        + ", namespace: e2e}\n"
                        + SPEC;
        client.resource(Serialization.unmarshal(document, ConnectivitySweepResource.class))
                .create();
        await().atMost(Duration.ofSeconds(15)).until(() -> workflow() != null);

        WorkerJar worker = new WorkerJar(EndToEndProfile.ROOT.resolve("workers.log"));
        WorkflowHarness harness = new WorkflowHarness(Serialization.asYaml(workflow()));
        Map<String, String> phases = harness.run((pod, attempt, command, args) -> worker.run(args));
        assertEquals("Succeeded", phases.get("aggregate"), "tasks: " + phases);
        setStatus(argoStatus(harness, phases));

        await().atMost(Duration.ofSeconds(15))
                .until(() -> status() != null && "Succeeded".equals(status().phase()));
        SweepStatus status = status();

        Path spec = EndToEndProfile.ROOT.resolve("tiny.yaml");
        Files.writeString(
                spec,
                "apiVersion: isthmus.dev/v1alpha1\nkind: ConnectivitySweep\nmetadata: {name: "
                        + NAME
                        + "}\n"
                        + SPEC);
        Path local = EndToEndProfile.ROOT.resolve("local");
        assertEquals(0, worker.run(List.of("run", spec.toString(), "--store", local.toString())));
        assertEquals(localSummary(local.resolve(NAME + "/results.json")), status.summary());
        assertEquals("file://runs/tiny/results.json", status.results());
        assertEquals(harness.attempts.size() + "/" + harness.attempts.size(), status.progress());
        System.out.printf(
                "end to end: %d pods through the worker jar, sweep Succeeded with %s, in %d s%n",
                harness.attempts.size(),
                status.summary(),
                (System.nanoTime() - start) / 1_000_000_000);
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** The summary rows of a local run's results.json, as the operator reports them. */
    static List<SummaryRow> localSummary(Path results) throws Exception {
        JsonNode root = new ObjectMapper().readTree(results.toFile());
        List<SummaryRow> rows = new ArrayList<>();
        for (JsonNode row : root.path("summary")) {
            JsonNode lin = row.path("lossBarrier").path("lin");
            rows.add(
                    new SummaryRow(
                            row.path("alignment").asText(),
                            row.path("path").asText(),
                            row.path("pairs").asInt(),
                            lin.path("max").asDouble(),
                            lin.path("mean").asDouble()));
        }
        return rows;
    }

    /** Argo's view of the run: one Pod node per attempt, the aggregate's output parameters. */
    static Map<String, Object> argoStatus(WorkflowHarness harness, Map<String, String> phases) {
        Map<String, Object> nodes = new LinkedHashMap<>();
        for (WorkflowHarness.Attempt attempt : harness.attempts) {
            String template = attempt.pod().replaceAll("\\(.*", "");
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("displayName", attempt.pod());
            node.put("type", "Pod");
            node.put("templateName", template);
            node.put("phase", attempt.exitCode() == 0 ? "Succeeded" : "Failed");
            if (template.equals("aggregate")) {
                List<Map<String, String>> parameters = new ArrayList<>();
                harness.outputs.forEach((k, v) -> parameters.add(Map.of("name", k, "value", v)));
                node.put("outputs", Map.of("parameters", parameters));
            }
            nodes.put(attempt.pod() + "-" + attempt.attempt(), node);
        }
        boolean ok = phases.values().stream().allMatch("Succeeded"::equals);
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("phase", ok ? "Succeeded" : "Failed");
        status.put("startedAt", "2026-11-24T01:00:00Z");
        status.put("finishedAt", "2026-11-24T01:01:00Z");
        status.put("nodes", nodes);
        return status;
    }

    private GenericKubernetesResource workflow() {
        return client.genericKubernetesResources("argoproj.io/v1alpha1", "Workflow")
                .inNamespace("e2e")
                .withName(NAME + "-g1")
                .get();
    }

    private void setStatus(Map<String, Object> status) {
        client.genericKubernetesResources("argoproj.io/v1alpha1", "Workflow")
                .inNamespace("e2e")
                .withName(NAME + "-g1")
                .edit(
                        w -> {
                            w.getAdditionalProperties().put("status", status);
                            return w;
                        });
    }

    private SweepStatus status() {
        ConnectivitySweepResource sweep =
                client.resources(ConnectivitySweepResource.class)
                        .inNamespace("e2e")
                        .withName(NAME)
                        .get();
        return sweep == null ? null : sweep.getStatus();
    }
}
