package dev.isthmus.operator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;

/**
 * An API server for the operator image's checks (images/check-operator.sh): Fabric8's mock server
 * in CRUD mode on 127.0.0.1:PORT with Argo's Workflow and CronWorkflow types and the sweep CRD,
 * plus Argo's part simulated once the file GO exists: a scheduled sweep's nightly runs (the last
 * one regressed), an ad-hoc sweep's Workflow running with a retried pod and then failing, and a
 * sweep whose status writes the API server refuses (failed reconciles). Prints "scenario done". The
 * mock server has no server-side apply, which the SDK uses in the prod profile (fixed at build
 * time) to add its finalizer: apply patches are served as merge patches of the same object.
 *
 * <p>java -cp "operator test classpath" dev.isthmus.operator.FakeCluster PORT SWEEP_CRD GO
 */
public final class FakeCluster {

    private FakeCluster() {}

    public static void main(String[] args) throws Exception {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        KubernetesMockServer server =
                new KubernetesMockServer(
                        new Context(),
                        new MockWebServer(),
                        responses,
                        new ApplyAsMergePatch(responses),
                        false);
        server.init(InetAddress.getByName("127.0.0.1"), Integer.parseInt(args[0]));
        KubernetesClient client = server.createClient();
        for (String kind : List.of("Workflow", "CronWorkflow")) {
            client.apiextensions()
                    .v1()
                    .customResourceDefinitions()
                    .resource(argoCrd(kind))
                    .create();
        }
        try (InputStream crd = Files.newInputStream(Path.of(args[1]))) {
            client.apiextensions()
                    .v1()
                    .customResourceDefinitions()
                    .resource(Serialization.unmarshal(crd, CustomResourceDefinition.class))
                    .create();
        }
        server.expect()
                .patch()
                .withPath(
                        "/apis/isthmus.dev/v1alpha1/namespaces/test/connectivitysweeps/broken/status")
                .andReturn(500, "{\"kind\":\"Status\",\"status\":\"Failure\",\"code\":500}")
                .always();
        System.out.println("fake-cluster: API server on " + client.getMasterUrl());
        Path go = Path.of(args[2]);
        while (!Files.exists(go)) {
            Thread.sleep(200);
        }
        // First, as its status writes fail only after the client's retries (about 6 s each).
        client.resource(Sweeps.small("broken", "")).inNamespace(Sweeps.NAMESPACE).create();
        nightlyRuns(client, 6);
        adhocRunFails(client);
        Thread.sleep(5000);
        System.out.println("fake-cluster: scenario done");
        Thread.currentThread().join(); // serve until killed
    }

    /**
     * A scheduled sweep and finished runs of its CronWorkflow, one every 3 s, the last regressed.
     */
    static void nightlyRuns(KubernetesClient client, int runs) throws InterruptedException {
        client.resource(Sweeps.small("nightly", ScheduledSweepTest.SCHEDULE))
                .inNamespace(Sweeps.NAMESPACE)
                .create();
        await(() -> argo(client, "CronWorkflow").withName("nightly-g1").get() != null);
        for (int i = 1; i <= runs; i++) {
            GenericKubernetesResource run = workflow("nightly-g1-%02d".formatted(i), "nightly");
            run.getMetadata().getLabels().put("isthmus.dev/generation", "1");
            run.getMetadata().getLabels().put("workflows.argoproj.io/cron-workflow", "nightly-g1");
            Map<String, Object> status =
                    Sweeps.status(
                            "Succeeded",
                            Map.of("train(0:0)", "Succeeded"),
                            Sweeps.summary("nightly", 0.9, i == runs ? 0.20 : 0.05 + i * 0.001),
                            "2026-11-24T02:00:00Z",
                            "2026-11-24T02:0%d:00Z".formatted(i));
            status.put("resourcesDuration", Map.of("cpu", 400, "nvidia.com/gpu", 180));
            run.getAdditionalProperties().put("status", status);
            client.resource(run).create();
            Thread.sleep(3000);
        }
    }

    /** The operator's Workflow of an ad-hoc sweep: running (one pod retried), then failed. */
    static void adhocRunFails(KubernetesClient client) throws InterruptedException {
        client.resource(Sweeps.small("adhoc", "")).inNamespace(Sweeps.NAMESPACE).create();
        await(() -> !adhoc(client).isEmpty());
        String name = adhoc(client).get(0).getMetadata().getName();
        Map<String, Object> running =
                Sweeps.status(
                        "Running",
                        Map.of("train(0:0)", "Succeeded", "train(1:1)", "Running"),
                        null,
                        "2026-11-24T03:00:00Z",
                        null);
        retried(running);
        Sweeps.setStatus(client, name, running);
        Thread.sleep(10000);
        Map<String, Object> failed =
                Sweeps.status(
                        "Failed",
                        Map.of("train(0:0)", "Succeeded", "train(1:1)", "Failed"),
                        null,
                        "2026-11-24T03:00:00Z",
                        "2026-11-24T03:04:00Z");
        retried(failed);
        failed.put("resourcesDuration", Map.of("cpu", 100, "nvidia.com/gpu", 60));
        Sweeps.setStatus(client, name, failed);
        Thread.sleep(3000);
    }

    /** Adds an Argo Retry node whose first pod failed and whose second succeeded. */
    @SuppressWarnings("unchecked")
    static void retried(Map<String, Object> status) {
        Map<String, Object> nodes = (Map<String, Object>) status.get("nodes");
        nodes.put(
                "r",
                Map.of(
                        "id",
                        "r",
                        "displayName",
                        "align(0:0)",
                        "type",
                        "Retry",
                        "phase",
                        "Succeeded",
                        "children",
                        List.of("r1", "r2")));
        nodes.put(
                "r1",
                Map.of(
                        "id",
                        "r1",
                        "displayName",
                        "align(0:0)(0)",
                        "type",
                        "Pod",
                        "templateName",
                        "align",
                        "phase",
                        "Failed",
                        "message",
                        "Error (exit code 137)"));
        nodes.put(
                "r2",
                Map.of(
                        "id",
                        "r2",
                        "displayName",
                        "align(0:0)(1)",
                        "type",
                        "Pod",
                        "templateName",
                        "align",
                        "phase",
                        "Succeeded"));
    }

    static List<GenericKubernetesResource> adhoc(KubernetesClient client) {
        return argo(client, "Workflow").withLabel("isthmus.dev/sweep", "adhoc").list().getItems();
    }

    static io.fabric8.kubernetes.client.dsl.NonNamespaceOperation<
                    GenericKubernetesResource,
                    io.fabric8.kubernetes.api.model.GenericKubernetesResourceList,
                    io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource>>
            argo(KubernetesClient client, String kind) {
        return client.genericKubernetesResources("argoproj.io/v1alpha1", kind)
                .inNamespace(Sweeps.NAMESPACE);
    }

    static GenericKubernetesResource workflow(String name, String sweep) {
        return new GenericKubernetesResourceBuilder()
                .withApiVersion("argoproj.io/v1alpha1")
                .withKind("Workflow")
                .withNewMetadata()
                .withName(name)
                .withNamespace(Sweeps.NAMESPACE)
                .addToLabels("isthmus.dev/sweep", sweep)
                .endMetadata()
                .build();
    }

    static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 300 && !condition.getAsBoolean(); i++) {
            Thread.sleep(200);
        }
        if (!condition.getAsBoolean()) {
            throw new IllegalStateException("fake-cluster: the operator did not act within 60 s");
        }
    }

    /** Argo's CRD without its schema: the mock server does not validate. */
    static CustomResourceDefinition argoCrd(String kind) {
        String plural = kind.toLowerCase() + "s";
        return new CustomResourceDefinitionBuilder()
                .withNewMetadata()
                .withName(plural + ".argoproj.io")
                .endMetadata()
                .withNewSpec()
                .withGroup("argoproj.io")
                .withScope("Namespaced")
                .withNewNames()
                .withKind(kind)
                .withListKind(kind + "List")
                .withPlural(plural)
                .withSingular(kind.toLowerCase())
                .endNames()
                .addNewVersion()
                .withName("v1alpha1")
                .withServed(true)
                .withStorage(true)
                .endVersion()
                .endSpec()
                .build();
    }

    /** Serves server-side apply patches as JSON merge patches of the applied object. */
    static final class ApplyAsMergePatch extends KubernetesMixedDispatcher {
        ApplyAsMergePatch(Map<ServerRequest, Queue<ServerResponse>> responses) {
            super(responses);
        }

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            String type = request.getHeader("Content-Type");
            if (type != null && type.startsWith("application/apply-patch")) {
                Object applied = Serialization.unmarshal(request.getUtf8Body(), Map.class);
                request =
                        new RecordedRequest(
                                request.getHttpVersion(),
                                request.method(),
                                request.getPath(),
                                request.getHeaders()
                                        .newBuilder()
                                        .set("Content-Type", "application/merge-patch+json")
                                        .build(),
                                new Buffer(
                                        Serialization.asJson(applied)
                                                .getBytes(
                                                        java.nio.charset.StandardCharsets.UTF_8)));
            }
            return super.dispatch(request);
        }
    }
}
