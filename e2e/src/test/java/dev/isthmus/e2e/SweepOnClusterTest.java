package dev.isthmus.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marcnuri.helm.Helm;
import dev.isthmus.workers.store.S3Server;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * A sweep end to end on the cluster {@code e2e/cluster up} and {@code e2e/cluster argo-up} started:
 * the chart installed by Helm's own code, {@code kubectl apply} of sweeps, Argo running the worker
 * image's pods under the chart's accounts and the restricted Pod Security Standard, and every
 * assertion read from what the API server and the run store hold.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SweepOnClusterTest {
    static final String SYSTEM = "isthmus-system";
    static final String SWEEPS = "isthmus-e2e";
    static final String RELEASE = "isthmus";

    /** The chart's name for the operator's Deployment, service account and pod label. */
    static final String OPERATOR = "isthmus-operator";

    static final String VERSION = "0.1.0-SNAPSHOT";
    static final Duration SWEEP_TIMEOUT = Duration.ofMinutes(15);

    /**
     * The first attempt's memory in the out-of-memory test: too little for the JVM to start, so the
     * kernel kills it (measured with docker run --memory 48m on the workers image: OOMKilled).
     */
    static final long OOM_MEMORY = 48;

    static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Two seeds, a small MLP, none and weight matching: what `isthmus run` reproduces. The dataset
     * is read at its default path, from the worker image.
     */
    static final String PAIR =
            """
            apiVersion: isthmus.dev/v1alpha1
            kind: ConnectivitySweep
            metadata: {name: pair, namespace: isthmus-e2e}
            spec:
              model: {architecture: mlp, hidden: [128]}
              dataset: {name: fashion-mnist, trainExamples: 20000, evalExamples: 500}
              endpoints:
                train: {seeds: [0, 1], epochs: 4, optimizer: adam, learningRate: 1.0e-3, batchSize: 100}
              pairs: all
              alignments: [none, weight-matching]
              paths: [linear]
              alphas: 5
              metrics: [loss, accuracy]
              seeds: {data: 0, eval: 0}
              execution: {parallelism: 2, retries: 2, threads: 1, store: file:///isthmus/runs,
                          resources: {cpu: 250m, memory: 1536Mi}}
            """;

    Cluster cluster;
    KubernetesClient client;
    Path runs;

    @BeforeAll
    void installChart() throws Exception {
        cluster = Cluster.fromEnvironment();
        client = cluster.client;
        await("the node to be Ready")
                .atMost(Duration.ofMinutes(2))
                .until(
                        () ->
                                client.nodes().list().getItems().stream()
                                        .anyMatch(SweepOnClusterTest::ready));
        assertNotNull(
                client.apiextensions()
                        .v1()
                        .customResourceDefinitions()
                        .withName("workflows.argoproj.io")
                        .get(),
                "Argo's CRDs are not installed: run e2e/cluster argo-up");
        for (String ns : List.of(SYSTEM, SWEEPS)) {
            // Every pod of both namespaces must pass the restricted Pod Security Standard.
            client.namespaces()
                    .resource(
                            new NamespaceBuilder()
                                    .withNewMetadata()
                                    .withName(ns)
                                    .addToLabels("pod-security.kubernetes.io/enforce", "restricted")
                                    .addToLabels("pod-security.kubernetes.io/warn", "restricted")
                                    .endMetadata()
                                    .build())
                    .serverSideApply();
        }
        // The run store: a hostPath volume in the cluster's state folder, written by uid 65532;
        // it holds a copy of the dataset for the sweep that names a path on the claim.
        runs = cluster.state.resolve("runs");
        Files.createDirectories(runs.resolve("datasets/fashion-mnist"));
        try (Stream<Path> files = Files.list(Path.of("/usr/share/datasets/fashion-mnist"))) {
            for (Path f : files.toList()) {
                Path target = runs.resolve("datasets/fashion-mnist").resolve(f.getFileName());
                if (!Files.exists(target)) Files.copy(f, target);
            }
        }
        Cluster.run(null, List.of("chown", "-R", "65532:65532", runs.toString()));
        client.persistentVolumes()
                .resource(
                        new PersistentVolumeBuilder()
                                .withNewMetadata()
                                .withName("isthmus-e2e-runs")
                                .endMetadata()
                                .withNewSpec()
                                .withCapacity(Map.of("storage", new Quantity("10Gi")))
                                .withAccessModes("ReadWriteMany")
                                .withStorageClassName("isthmus-e2e")
                                .withPersistentVolumeReclaimPolicy("Retain")
                                .withNewHostPath(runs.toString(), "Directory")
                                .withNewClaimRef()
                                .withNamespace(SWEEPS)
                                .withName("isthmus-runs")
                                .endClaimRef()
                                .endSpec()
                                .build())
                .serverSideApply();

        // A cluster kept from an earlier run (KEEP_CLUSTER=1) may hold the release already.
        if (Helm.list().withKubeConfig(cluster.kubeconfig).withNamespace(SYSTEM).call().stream()
                .anyMatch(r -> RELEASE.equals(r.getName()))) {
            Helm.uninstall(RELEASE).withKubeConfig(cluster.kubeconfig).withNamespace(SYSTEM).call();
        }
        new Helm(Cluster.REPO.resolve("charts/isthmus"))
                .install()
                .withName(RELEASE)
                .withNamespace(SYSTEM)
                .withKubeConfig(cluster.kubeconfig)
                .set("image.operator.pullPolicy", "Never")
                .set("watchNamespaces[0]", SWEEPS)
                .set("workers.namespaces[0]", SWEEPS)
                .set("store.persistentVolumeClaim.create", true)
                .set("store.persistentVolumeClaim.storageClassName", "isthmus-e2e")
                .set("store.persistentVolumeClaim.size", "10Gi")
                .set("serviceMonitor.enabled", false)
                .set("prometheusRule.enabled", false)
                .waitReady()
                .withTimeout(300)
                .call();
    }

    @AfterAll
    void uninstall() {
        if (cluster == null) return;
        cluster.sweeps().inNamespace(SWEEPS).delete();
    }

    @Test
    @Order(1)
    void operatorRunsUnderTheChartsAccountLockedDown() {
        Pod operator = operatorPod();
        assertEquals(OPERATOR, operator.getSpec().getServiceAccountName());
        var container = operator.getSpec().getContainers().get(0);
        assertEquals(Boolean.TRUE, container.getSecurityContext().getReadOnlyRootFilesystem());
        assertEquals(65532L, operator.getSpec().getSecurityContext().getRunAsUser());
        assertEquals("Running", operator.getStatus().getPhase());
    }

    @Test
    @Order(2)
    void explainPrintsTheFieldsDocumentation() {
        String out = cluster.kubectl("explain", "connectivitysweep.spec.alignments");
        assertTrue(
                out.contains("Alignment methods applied to the second endpoint"),
                "kubectl explain printed:\n" + out);
    }

    @Test
    @Order(3)
    void invalidSweepGetsPhaseInvalidAWarningAndNoWorkflow() {
        String bad =
                PAIR.replace("name: pair", "name: bad")
                        .replace("[none, weight-matching]", "[none, rebasin-magic]");
        apply(bad);
        await("sweep bad to be Invalid")
                .atMost(Duration.ofMinutes(2))
                .until(() -> "Invalid".equals(phase("bad")));
        await("a Warning event on sweep bad")
                .atMost(Duration.ofMinutes(1))
                .until(
                        () ->
                                client.v1().events().inNamespace(SWEEPS).list().getItems().stream()
                                        .anyMatch(
                                                e ->
                                                        "bad"
                                                                        .equals(
                                                                                e.getInvolvedObject()
                                                                                        .getName())
                                                                && "Warning".equals(e.getType())
                                                                && e.getMessage()
                                                                        .contains(
                                                                                "rebasin-magic")));
        assertTrue(workflowsOf("bad").isEmpty(), "an invalid sweep must create no Workflow");
    }

    @Test
    @Order(4)
    void sweepSucceedsThroughAWorkerAndAnOperatorLossAndMatchesIsthmusRun() throws Exception {
        apply(PAIR);
        // A worker pod deleted in the middle of its training: Argo retries it.
        Pod training =
                await("a training pod of pair past its first epoch")
                        .atMost(SWEEP_TIMEOUT)
                        .until(() -> trainingPodPastFirstEpoch("pair"), p -> p != null);
        // Its JVM killed on the node (SIGKILL, as the kernel's out-of-memory killer or a crash
        // ends it): on this machine a pod deleted through the API, with the default grace or with
        // grace 0, went on training and Succeeded, so nothing was retried (three local runs).
        assertTrue(
                killMain(training) > 0,
                "no isthmus task process of pod " + training.getMetadata().getName() + " found");
        // The operator pod deleted mid-run: its successor picks the run up.
        Pod operator = operatorPod();
        client.pods().inNamespace(SYSTEM).resource(operator).delete();
        await("a new operator pod")
                .atMost(Duration.ofMinutes(3))
                .until(
                        () -> {
                            Pod next = operatorPod();
                            return next != null
                                    && !next.getMetadata()
                                            .getUid()
                                            .equals(operator.getMetadata().getUid())
                                    && ready(next);
                        });
        awaitPhase("pair", "Succeeded");

        List<GenericKubernetesResource> workflows = workflowsOf("pair");
        assertEquals(
                1, workflows.size(), "the operator's successor must not create a second Workflow");
        // Argo retried the deleted pod: one of the workflow's retry nodes has two attempts.
        JsonNode nodes =
                JSON.valueToTree(workflows.get(0).getAdditionalProperties().get("status"))
                        .get("nodes");
        boolean retried = false;
        StringBuilder seen = new StringBuilder();
        for (JsonNode node : nodes) {
            if ("Retry".equals(node.path("type").asText()) && node.path("children").size() > 1)
                retried = true;
            seen.append(
                    String.format(
                            "%n  %s %s %s, %d children, %s",
                            node.path("displayName").asText(),
                            node.path("type").asText(),
                            node.path("phase").asText(),
                            node.path("children").size(),
                            node.path("message").asText()));
        }
        assertTrue(
                retried,
                "no task of pair was retried after its pod "
                        + training.getMetadata().getName()
                        + " was deleted; the Workflow's nodes:"
                        + seen);

        // The printer columns carry the barrier.
        String table = cluster.kubectl("get", "csweep", "pair", "-n", SWEEPS);
        assertTrue(
                table.lines().findFirst().orElse("").matches(".*BARRIER.*PHASE.*PROGRESS.*"),
                table);
        GenericKubernetesResource sweep =
                cluster.sweeps().inNamespace(SWEEPS).withName("pair").get();
        double barrier =
                JSON.valueToTree(sweep.getAdditionalProperties().get("status"))
                        .get("bestBarrier")
                        .asDouble();
        assertTrue(table.contains(trimmed(barrier)), "no barrier " + barrier + " in:\n" + table);

        // The run store on the claim holds what `isthmus run` computes on this machine.
        Path local = localRun(PAIR, "pair");
        assertSameResults(local, read(runs.resolve("runs/pair/results.json")), "pair");
        assertEquals(
                Files.readString(local.resolve("pair/curves.csv")),
                Files.readString(runs.resolve("runs/pair/curves.csv")),
                "curves.csv differs between the cluster and isthmus run");
    }

    @Test
    @Order(5)
    void aSpecChangeStartsGenerationTwoAndStopsTheOldRun() {
        String change =
                PAIR.replace("name: pair", "name: change").replace("epochs: 4", "epochs: 40");
        apply(change);
        await("change-g1 to run")
                .atMost(Duration.ofMinutes(3))
                .until(() -> workflowsOf("change").size() == 1);
        assertEquals("change-g1", workflowsOf("change").get(0).getMetadata().getName());
        apply(change.replace("alphas: 5", "alphas: 6"));
        await("change-g2, and change-g1 stopped")
                .atMost(Duration.ofMinutes(3))
                .until(
                        () -> {
                            var byName = workflowsOf("change");
                            GenericKubernetesResource g1 =
                                    byName.stream()
                                            .filter(
                                                    w ->
                                                            w.getMetadata()
                                                                    .getName()
                                                                    .equals("change-g1"))
                                            .findFirst()
                                            .orElse(null);
                            boolean g2 =
                                    byName.stream()
                                            .anyMatch(
                                                    w ->
                                                            w.getMetadata()
                                                                    .getName()
                                                                    .equals("change-g2"));
                            return g2 && g1 != null && stopped(g1);
                        });
    }

    @Test
    @Order(6)
    void deletingTheSweepRemovesItsWorkflowsAndPods() {
        assertFalse(workflowsOf("change").isEmpty());
        cluster.kubectl(
                "delete", "csweep", "change", "-n", SWEEPS, "--wait=true", "--timeout=120s");
        await("the garbage collector to remove change's Workflows and pods")
                .atMost(Duration.ofMinutes(3))
                .until(
                        () ->
                                workflowsOf("change").isEmpty()
                                        && client
                                                .pods()
                                                .inNamespace(SWEEPS)
                                                .list()
                                                .getItems()
                                                .stream()
                                                .noneMatch(
                                                        p ->
                                                                p.getMetadata()
                                                                        .getName()
                                                                        .startsWith("change-")));
    }

    @Test
    @Order(7)
    void theChartsAccountsAreRefusedWhatTheChartDoesNotGrant() {
        try (KubernetesClient operator = cluster.clientWithToken(token(SYSTEM, OPERATOR));
                KubernetesClient worker =
                        cluster.clientWithToken(token(SWEEPS, "isthmus-worker"))) {
            // Granted: the operator reads sweeps; the worker records task results.
            assertFalse(operatorSweeps(operator).isEmpty());
            // Refused by the real RBAC: secrets, pods and deployments for the operator; workflows
            // and sweeps for the workers.
            assertForbidden(() -> operator.secrets().inNamespace(SWEEPS).list());
            assertForbidden(() -> operator.pods().inNamespace(SWEEPS).list());
            assertForbidden(() -> operator.apps().deployments().inNamespace(SYSTEM).list());
            assertForbidden(() -> worker.pods().inNamespace(SWEEPS).list());
            assertForbidden(() -> worker.secrets().inNamespace(SWEEPS).list());
            assertForbidden(
                    () ->
                            worker.genericKubernetesResources("argoproj.io/v1alpha1", "Workflow")
                                    .inNamespace(SWEEPS)
                                    .list());
        }
        // Every pod of the sweeps ran as the chart's worker account.
        for (Pod pod : client.pods().inNamespace(SWEEPS).list().getItems()) {
            assertEquals(
                    "isthmus-worker",
                    pod.getSpec().getServiceAccountName(),
                    pod.getMetadata().getName());
        }
    }

    @Test
    @Order(8)
    void aSweepWithAnS3StoreMatchesIsthmusRun() throws Exception {
        try (S3Server s3 = new S3Server(Cluster.NODE_IP)) {
            s3.createBucket("isthmus-e2e");
            client.secrets()
                    .inNamespace(SWEEPS)
                    .resource(
                            new SecretBuilder()
                                    .withNewMetadata()
                                    .withName("s3-store")
                                    .endMetadata()
                                    .addToStringData("AWS_ACCESS_KEY_ID", S3Server.ACCESS)
                                    .addToStringData("AWS_SECRET_ACCESS_KEY", S3Server.SECRET)
                                    .addToStringData("AWS_REGION", "us-east-1")
                                    .addToStringData(
                                            "ISTHMUS_S3_ENDPOINT", s3.endpoint().toString())
                                    .build())
                    .serverSideApply();
            String spec =
                    PAIR.replace("name: pair", "name: remote")
                            .replace("trainExamples: 20000", "trainExamples: 3000")
                            .replace("epochs: 4", "epochs: 2")
                            .replace(
                                    "store: file:///isthmus/runs,",
                                    "store: s3://isthmus-e2e/runs, storeCredentials: {secret: s3-store}, volumeClaim: isthmus-runs,");
            apply(spec);
            awaitPhase("remote", "Succeeded");
            JsonNode remote;
            try (S3Client c = s3.client()) {
                ResponseBytes<GetObjectResponse> bytes =
                        c.getObjectAsBytes(
                                r -> r.bucket("isthmus-e2e").key("runs/remote/results.json"));
                remote = JSON.readTree(bytes.asByteArray());
            }
            assertSameResults(localRun(spec, "remote"), remote, "remote");
        }
    }

    @Test
    @Order(9)
    void prometheusSeesAScheduledSweepsRunsComplete() throws Exception {
        String ip = operatorPod().getStatus().getPodIP();
        Path dir = Files.createTempDirectory("isthmus-e2e-prometheus");
        Files.writeString(
                dir.resolve("prometheus.yml"),
                """
                global: {scrape_interval: 2s, evaluation_interval: 2s}
                scrape_configs:
                  - job_name: isthmus-operator
                    metrics_path: /q/metrics
                    static_configs: [{targets: ["%s:8080"]}]
                """
                        .formatted(ip));
        Process prometheus =
                new ProcessBuilder(
                                "prometheus",
                                "--config.file=" + dir.resolve("prometheus.yml"),
                                "--storage.tsdb.path=" + dir.resolve("tsdb"),
                                "--web.listen-address=127.0.0.1:" + PROMETHEUS_PORT)
                        .redirectErrorStream(true)
                        .redirectOutput(dir.resolve("prometheus.log").toFile())
                        .start();
        try {
            String nightly =
                    PAIR.replace("name: pair", "name: nightly")
                            .replace("trainExamples: 20000", "trainExamples: 2000")
                            .replace("epochs: 4", "epochs: 1")
                            // A relative dataset path resolves against the claim.
                            .replace(
                                    "name: fashion-mnist,",
                                    "name: fashion-mnist, path: datasets/fashion-mnist,")
                            .replace(
                                    "metrics: [loss, accuracy]",
                                    "metrics: [loss, accuracy]\n  schedule: {crons: [\"* * * * *\"], history: 3}");
            apply(nightly);
            String completed =
                    "sum(isthmus_runs_completed_total{result=\"Succeeded\"}) or vector(0)";
            await("Prometheus to scrape the operator")
                    .atMost(Duration.ofMinutes(1))
                    .until(() -> query("up{job=\"isthmus-operator\"}") == 1.0);
            double first = query(completed);
            await("a scheduled run of nightly to complete, as Prometheus sees it")
                    .atMost(Duration.ofMinutes(6))
                    .pollInterval(Duration.ofSeconds(3))
                    .until(() -> query(completed) >= first + 1);
            double second = query(completed);
            await("a second scheduled run of nightly to complete")
                    .atMost(Duration.ofMinutes(6))
                    .pollInterval(Duration.ofSeconds(3))
                    .until(() -> query(completed) >= second + 1);
            System.out.printf(
                    "isthmus_runs_completed_total{result=Succeeded}: %.0f -> %.0f -> %.0f%n",
                    first, second, query(completed));
            assertTrue(
                    query("isthmus_loss_barrier_best") >= 0.0,
                    "no barrier series after a completed run");
        } finally {
            cluster.kubectlResult(
                    null, "delete", "csweep", "nightly", "-n", SWEEPS, "--wait=false");
            prometheus.destroy();
        }
    }

    static final int PROMETHEUS_PORT = 19095;

    /** The first sample of an instant query on the test's Prometheus, or -1 when there is none. */
    private static double query(String promql) throws Exception {
        var uri =
                java.net.URI.create(
                        "http://127.0.0.1:"
                                + PROMETHEUS_PORT
                                + "/api/v1/query?query="
                                + java.net.URLEncoder.encode(
                                        promql, java.nio.charset.StandardCharsets.UTF_8));
        try {
            var response =
                    java.net.http.HttpClient.newHttpClient()
                            .send(
                                    java.net.http.HttpRequest.newBuilder(uri).build(),
                                    java.net.http.HttpResponse.BodyHandlers.ofString());
            JsonNode result = JSON.readTree(response.body()).path("data").path("result");
            return result.isEmpty() ? -1 : result.get(0).path("value").get(1).asDouble();
        } catch (java.net.ConnectException e) {
            return -1; // not listening yet
        }
    }

    /**
     * Memory growth on a real Argo: a worker started at {@value #OOM_MEMORY} MiB is killed by the
     * kernel while the JVM starts (OOMKilled, exit 137); the retries double it (Argo evaluates the
     * template's podSpecPatch with {@code retries} and {@code lastRetry.exitCode}); attempts still
     * below the task's estimate stop before any work with exit 4 and are doubled too, until an
     * attempt at 768 MiB (the first at least the estimated 734 MiB per pod) trains. The sweep is
     * deleted once both trainings have succeeded: the later stages grow the same way, the same
     * podSpecPatch on every template, and would only repeat it.
     */
    @Test
    @Order(10)
    void aWorkerShortOfMemoryIsRetriedWithTwiceTheMemoryUntilItFits() {
        String oom =
                PAIR.replace("name: pair", "name: oom")
                        .replace("trainExamples: 20000", "trainExamples: 2000")
                        .replace("epochs: 4", "epochs: 1")
                        .replace("retries: 2", "retries: 4")
                        .replace(
                                "resources: {cpu: 250m, memory: 1536Mi}",
                                "resources: {cpu: 250m, memory: "
                                        + OOM_MEMORY
                                        + "Mi, maxMemory: 1536Mi}");
        apply(oom);
        Map<String, String> attempts = new java.util.TreeMap<>(); // pod -> "limit MiB: outcome"
        Instant start = Instant.now();
        try {
            await("both trainings of sweep oom to succeed")
                    .atMost(SWEEP_TIMEOUT)
                    .pollInterval(Duration.ofMillis(500))
                    .until(
                            () -> {
                                int trained = 0;
                                for (Pod pod :
                                        client.pods().inNamespace(SWEEPS).list().getItems()) {
                                    String outcome = trainingAttempt(pod);
                                    if (outcome == null) continue;
                                    attempts.put(pod.getMetadata().getName(), outcome);
                                    if (outcome.endsWith(": Succeeded")) trained++;
                                }
                                String phase = phase("oom");
                                if ("Failed".equals(phase) || "Invalid".equals(phase)) {
                                    fail(
                                            "sweep oom is "
                                                    + phase
                                                    + "; training attempts "
                                                    + attempts);
                                }
                                return trained == 2;
                            });
        } finally {
            cluster.sweeps().inNamespace(SWEEPS).withName("oom").delete();
        }
        System.out.printf(
                "sweep oom: both trainings succeeded after %d s; attempts (memory limit: outcome):"
                        + " %s%n",
                Duration.between(start, Instant.now()).toSeconds(), attempts);
        Map<String, Long> outcomes =
                attempts.values().stream()
                        .collect(
                                java.util.stream.Collectors.groupingBy(
                                        o -> o,
                                        java.util.TreeMap::new,
                                        java.util.stream.Collectors.counting()));
        assertEquals(
                Map.of(
                        OOM_MEMORY + " MiB: OOMKilled 137", 2L,
                        2 * OOM_MEMORY + " MiB: exit 4", 2L,
                        4 * OOM_MEMORY + " MiB: exit 4", 2L,
                        8 * OOM_MEMORY + " MiB: exit 4", 2L,
                        16 * OOM_MEMORY + " MiB: Succeeded", 2L),
                outcomes,
                "each training: killed for memory at the first attempt, short of memory at the"
                        + " next three, trained at the fifth");
        await("sweep oom's pods to be gone")
                .atMost(Duration.ofMinutes(2))
                .until(
                        () ->
                                client.pods().inNamespace(SWEEPS).list().getItems().stream()
                                        .noneMatch(p -> trainingAttempt(p) != null));
    }

    /**
     * For a training pod of sweep oom: its main container's memory limit and how it ended ("768
     * MiB: Succeeded", "48 MiB: OOMKilled 137", "96 MiB: exit 4"), or null for other pods and
     * attempts that have not ended.
     */
    private static String trainingAttempt(Pod pod) {
        if (!pod.getMetadata().getName().startsWith("oom-")) return null;
        var main =
                pod.getSpec().getContainers().stream()
                        .filter(c -> "main".equals(c.getName()))
                        .findFirst()
                        .orElse(null);
        if (main == null) return null;
        List<String> argv = new java.util.ArrayList<>(main.getCommand());
        argv.addAll(main.getArgs()); // Argo's emissary runs before the image's own command
        int task = argv.indexOf("task");
        if (task < 0 || task + 1 >= argv.size() || !"train".equals(argv.get(task + 1))) {
            return null;
        }
        long mi =
                Quantity.getAmountInBytes(main.getResources().getLimits().get("memory")).longValue()
                        >> 20;
        if ("Succeeded".equals(pod.getStatus().getPhase())) return mi + " MiB: Succeeded";
        if (pod.getStatus().getContainerStatuses() == null) return null;
        for (var st : pod.getStatus().getContainerStatuses()) {
            var t = st.getState().getTerminated();
            if (!"main".equals(st.getName()) || t == null) continue;
            return "OOMKilled".equals(t.getReason())
                    ? mi + " MiB: OOMKilled " + t.getExitCode()
                    : mi + " MiB: exit " + t.getExitCode();
        }
        return null;
    }

    // -----------------------------------------------------------------------------------------

    /**
     * Three endpoints: all three pairs and a MergeMany of the three, fanned out from one template
     * per stage (a sequence of 3 trainings, 6 alignments, 6 evaluations, 1 merge), the basin map
     * drawn by the aggregate, the number of basins in the status, and the merged checkpoint and
     * results.json byte for byte what `isthmus run` writes on this machine.
     */
    @Test
    @Order(11)
    void threeEndpointsGetTheirBasinMapAndAMergeAsIsthmusRunGivesThem() throws Exception {
        String spec =
                PAIR.replace("name: pair", "name: basins")
                        .replace("hidden: [128]", "hidden: [64]")
                        .replace("trainExamples: 20000", "trainExamples: 3000")
                        .replace("seeds: [0, 1], epochs: 4", "seeds: [0, 1, 2], epochs: 2")
                        .replace(
                                "metrics: [loss, accuracy]",
                                "metrics: [loss, accuracy, basins]\n  merges: [merge-many]");
        assertTrue(spec.contains("merges: [merge-many]") && spec.contains("[0, 1, 2]"), spec);
        apply(spec);
        awaitPhase("basins", "Succeeded");

        List<GenericKubernetesResource> workflows = workflowsOf("basins");
        assertEquals(1, workflows.size());
        JsonNode workflow = JSON.valueToTree(workflows.get(0).getAdditionalProperties());
        Map<String, String> fanOut = new LinkedHashMap<>();
        for (JsonNode template : workflow.at("/spec/templates")) {
            for (JsonNode task : template.at("/dag/tasks")) {
                fanOut.put(task.path("name").asText(), task.at("/withSequence/count").asText());
            }
        }
        assertEquals(
                Map.of("train", "3", "align", "6", "evaluate", "6", "merge", "1", "aggregate", ""),
                fanOut,
                "the DAG's stages and their fan-out");
        long pods = 0;
        for (JsonNode node : workflow.at("/status/nodes")) {
            if ("Pod".equals(node.path("type").asText())
                    && "Succeeded".equals(node.path("phase").asText())) pods++;
        }
        assertEquals(3 + 6 + 6 + 1 + 1, pods, "one pod per task of the plan");

        JsonNode status =
                JSON.valueToTree(
                        cluster.sweeps()
                                .inNamespace(SWEEPS)
                                .withName("basins")
                                .get()
                                .getAdditionalProperties()
                                .get("status"));
        JsonNode onCluster = read(runs.resolve("runs/basins/results.json"));
        // The status's rows carry the basins that results.json counts, row by row.
        JsonNode rows = onCluster.path("summary");
        assertEquals(2, rows.size(), rows.toString());
        assertEquals(rows.size(), status.path("summary").size(), status.toString());
        for (int i = 0; i < rows.size(); i++) {
            JsonNode row = status.path("summary").get(i);
            String at = row.path("alignment").asText() + "/" + row.path("path").asText();
            assertEquals(rows.get(i).path("alignment").asText(), row.path("alignment").asText());
            assertTrue(rows.get(i).path("basins").asInt(0) >= 1, "no basins in results.json " + at);
            assertEquals(rows.get(i).path("basins"), row.path("basins"), "basins of " + at);
            assertEquals(3, row.path("pairs").asInt(), at);
        }
        assertEquals(1, onCluster.path("merges").size(), onCluster.path("merges").toString());

        Path local = localRun(spec, "basins");
        assertSameResults(local, onCluster, "basins");
        List<Path> merged;
        try (Stream<Path> files = Files.list(local.resolve("basins/merges"))) {
            merged = files.sorted().toList();
        }
        assertEquals(2, merged.size(), "a checkpoint and its provenance: " + merged);
        for (Path file : merged) {
            assertArrayEquals(
                    Files.readAllBytes(file),
                    Files.readAllBytes(runs.resolve("runs/basins/merges/" + file.getFileName())),
                    file.getFileName() + " differs between the cluster and isthmus run");
        }
    }

    private void apply(String yaml) {
        Cluster.Result r = cluster.kubectlResult(yaml, "apply", "-f", "-");
        if (r.exit() != 0) fail("kubectl apply refused the sweep: " + r.err());
    }

    private String phase(String name) {
        GenericKubernetesResource sweep = cluster.sweeps().inNamespace(SWEEPS).withName(name).get();
        if (sweep == null
                || !(sweep.getAdditionalProperties().get("status") instanceof Map<?, ?> status)) {
            return null;
        }
        Object phase = status.get("phase");
        return phase == null ? null : phase.toString();
    }

    private void awaitPhase(String name, String wanted) {
        Instant start = Instant.now();
        await("sweep " + name + " to reach " + wanted)
                .atMost(SWEEP_TIMEOUT)
                .pollInterval(Duration.ofSeconds(2))
                .until(
                        () -> {
                            String phase = phase(name);
                            if ("Failed".equals(phase)
                                    || ("Invalid".equals(phase) && !wanted.equals(phase))) {
                                fail(
                                        "sweep "
                                                + name
                                                + " is "
                                                + phase
                                                + ": "
                                                + cluster.kubectl(
                                                        "get", "csweep", name, "-n", SWEEPS, "-o",
                                                        "yaml"));
                            }
                            return wanted.equals(phase);
                        });
        System.out.printf(
                "sweep %s reached %s in %d s%n",
                name, wanted, Duration.between(start, Instant.now()).toSeconds());
    }

    private List<GenericKubernetesResource> workflowsOf(String sweep) {
        return cluster.argo("workflows", "Workflow").inNamespace(SWEEPS).list().getItems().stream()
                .filter(
                        w ->
                                w.getMetadata().getOwnerReferences().stream()
                                        .anyMatch(o -> o.getName().equals(sweep)))
                .toList();
    }

    private static boolean stopped(GenericKubernetesResource workflow) {
        Object spec = workflow.getAdditionalProperties().get("spec");
        Object status = workflow.getAdditionalProperties().get("status");
        boolean shutdown = spec instanceof Map<?, ?> m && m.get("shutdown") != null;
        boolean finished =
                status instanceof Map<?, ?> s
                        && Set.of("Failed", "Error", "Succeeded")
                                .contains(String.valueOf(s.get("phase")));
        return shutdown || finished;
    }

    private Pod operatorPod() {
        return client
                .pods()
                .inNamespace(SYSTEM)
                .withLabel("app.kubernetes.io/name", OPERATOR)
                .list()
                .getItems()
                .stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .findFirst()
                .orElse(null);
    }

    private Pod trainingPodPastFirstEpoch(String sweep) {
        for (Pod pod : client.pods().inNamespace(SWEEPS).list().getItems()) {
            if (!pod.getMetadata().getName().startsWith(sweep + "-")
                    || !"Running".equals(pod.getStatus().getPhase())) {
                continue;
            }
            try {
                String log =
                        client.pods()
                                .inNamespace(SWEEPS)
                                .resource(pod)
                                .inContainer("main")
                                .getLog();
                // Past its first epoch and not yet at its last, with its main container still
                // running: Argo's wait container keeps a pod Running after main has exited, and a
                // pod deleted then has already succeeded (seen at load average 12).
                if (log.contains("epoch 1/") && !log.contains("epoch 4/4") && mainRunning(pod)) {
                    return pod;
                }
            } catch (KubernetesClientException e) {
                // The container may not have started yet.
            }
        }
        return null;
    }

    /** SIGKILLs the pod's {@code isthmus task} JVM, found by the pod's cgroup; how many. */
    private static int killMain(Pod pod) throws IOException {
        String uid = pod.getMetadata().getUid();
        Set<String> marks = Set.of(uid, uid.replace('-', '_'));
        int killed = 0;
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.toList()) {
                String name = proc.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) continue;
                try {
                    String cgroup = Files.readString(proc.resolve("cgroup"));
                    String cmd = new String(Files.readAllBytes(proc.resolve("cmdline")));
                    if (marks.stream().anyMatch(cgroup::contains)
                            && cmd.contains("isthmus.jar")
                            && cmd.contains("task")) {
                        var handle = ProcessHandle.of(Long.parseLong(name));
                        if (handle.isPresent() && handle.get().destroyForcibly()) killed++;
                    }
                } catch (IOException | UncheckedIOException e) {
                    // the process ended while we looked
                }
            }
        }
        return killed;
    }

    private static boolean mainRunning(Pod pod) {
        return pod.getStatus().getContainerStatuses().stream()
                .anyMatch(c -> "main".equals(c.getName()) && c.getState().getRunning() != null);
    }

    private String token(String namespace, String account) {
        return client.serviceAccounts()
                .inNamespace(namespace)
                .withName(account)
                .tokenRequest(
                        new TokenRequestBuilder()
                                .withNewSpec()
                                .withExpirationSeconds(600L)
                                .endSpec()
                                .build())
                .getStatus()
                .getToken();
    }

    private static List<GenericKubernetesResource> operatorSweeps(KubernetesClient operator) {
        return operator.genericKubernetesResources("isthmus.dev/v1alpha1", "ConnectivitySweep")
                .inNamespace(SWEEPS)
                .list()
                .getItems();
    }

    private static void assertForbidden(Runnable call) {
        try {
            call.run();
            fail("the request was allowed; the chart does not grant it");
        } catch (KubernetesClientException e) {
            assertEquals(403, e.getCode(), e.getMessage());
        }
    }

    private static boolean ready(io.fabric8.kubernetes.api.model.Node node) {
        return node.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static boolean ready(Pod pod) {
        return pod.getStatus().getConditions() != null
                && pod.getStatus().getConditions().stream()
                        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    /** `isthmus run` on the same spec on this machine, its store in a fresh folder. */
    private static Path localRun(String yaml, String name) throws IOException {
        Path dir = Files.createTempDirectory("isthmus-e2e-local");
        Files.createDirectories(dir.resolve("datasets"));
        Files.createSymbolicLink(
                dir.resolve("datasets/fashion-mnist"),
                Path.of("/usr/share/datasets/fashion-mnist"));
        Files.writeString(dir.resolve(name + ".yaml"), yaml);
        Path store = dir.resolve("store");
        Cluster.Result r =
                Cluster.run(
                        null,
                        List.of(
                                "java",
                                "-Dai.djl.offline=true",
                                "-jar",
                                Cluster.REPO.resolve("cli/target/isthmus.jar").toString(),
                                "run",
                                dir.resolve(name + ".yaml").toString(),
                                "--store",
                                store.toString()));
        if (r.exit() != 0) fail("isthmus run " + name + " failed: " + r.err() + r.out());
        return store;
    }

    private static JsonNode read(Path file) throws IOException {
        return JSON.readTree(Files.readString(file));
    }

    /** results.json of both runs, the wall times and the dataset's resolved folder aside. */
    private static void assertSameResults(Path localStore, JsonNode cluster, String name)
            throws IOException {
        JsonNode local = read(localStore.resolve(name + "/results.json"));
        ObjectNode a = local.deepCopy();
        ObjectNode b = cluster.deepCopy();
        for (ObjectNode r : List.of(a, b)) {
            r.remove("timings");
            r.put("dataset", r.path("dataset").asText().replaceAll("from \\S+:", "from <folder>:"));
        }
        assertEquals(
                a, b, "results.json of " + name + " differs between the cluster and isthmus run");
        Set<String> keys = new TreeSet<>();
        local.fieldNames().forEachRemaining(keys::add);
        assertTrue(keys.contains("curves") && keys.contains("summary"), keys.toString());
    }

    private static String trimmed(double value) {
        String s = Double.toString(value);
        return s.length() > 5 ? s.substring(0, 5) : s;
    }
}
