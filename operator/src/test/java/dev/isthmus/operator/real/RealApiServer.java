package dev.isthmus.operator.real;

import dev.isthmus.operator.ArgoCrds;
import dev.isthmus.operator.Sweeps;
import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts a real etcd and kube-apiserver (Fabric8's kube-api-test, offline) from the binaries that
 * {@code e2e/cluster api-server-binaries} builds here when missing, applies the sweep CRD and
 * Argo's Workflow and CronWorkflow CRDs (server-side apply), and points the operator's client at
 * it.
 */
public class RealApiServer implements QuarkusTestResourceLifecycleManager {

    static final String KUBERNETES_VERSION = "1.34.4";
    static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    static final Path TEST_DIR = Path.of("target/kube-api-test").toAbsolutePath();
    static final Path SWEEP_CRD =
            REPO.resolve("manifests/crd/connectivitysweeps.isthmus.dev-v1.yml");
    static final List<String> ARGO_CRDS =
            List.of("argoproj.io_workflows.yaml", "argoproj.io_cronworkflows.yaml");

    /** How long the last start took (etcd and kube-apiserver ready, CRDs established). */
    static volatile long startMillis;

    private KubeAPIServer server;

    @Override
    public Map<String, String> start() {
        long t0 = System.nanoTime();
        linkBinaries(binaries());
        server =
                new KubeAPIServer(
                        KubeAPIServerConfigBuilder.anAPIServerConfig()
                                .withTestDir(TEST_DIR.toString())
                                .withApiServerVersion(KUBERNETES_VERSION)
                                .withOfflineMode(true)
                                .withStartupTimeout(180_000)
                                .withApiServerFlag("--bind-address", "127.0.0.1")
                                .build());
        server.start();
        long started = System.nanoTime();
        Config config = Config.fromKubeconfig(server.getKubeConfigYaml());
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
            install(client);
        }
        startMillis = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf(
                "real API server: etcd + kube-apiserver %s ready in %d ms, CRDs established"
                        + " after %d ms in all, at %s%n",
                KUBERNETES_VERSION, (started - t0) / 1_000_000, startMillis, config.getMasterUrl());
        return Map.of(
                "quarkus.kubernetes-client.api-server-url", config.getMasterUrl(),
                "quarkus.kubernetes-client.ca-cert-data",
                        data(config.getCaCertData(), config.getCaCertFile()),
                "quarkus.kubernetes-client.client-cert-data",
                        data(config.getClientCertData(), config.getClientCertFile()),
                "quarkus.kubernetes-client.client-key-data",
                        data(config.getClientKeyData(), config.getClientKeyFile()));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }

    /** The sweep CRD as committed (CrdUpToDateTest keeps it equal to the generated one). */
    static CustomResourceDefinition sweepCrd() {
        try {
            return Serialization.unmarshal(
                    Files.readString(SWEEP_CRD), CustomResourceDefinition.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void install(KubernetesClient client) {
        long t0 = System.nanoTime();
        List<CustomResourceDefinition> crds = new ArrayList<>();
        crds.add(sweepCrd());
        for (String file : ARGO_CRDS) {
            crds.add(ArgoCrds.withSchema(ArgoCrds.DIR + file));
        }
        long read = System.nanoTime();
        for (CustomResourceDefinition crd : crds) {
            client.resource(crd).fieldManager("isthmus-test").forceConflicts().serverSideApply();
        }
        long applied = System.nanoTime();
        for (CustomResourceDefinition crd : crds) {
            client.apiextensions()
                    .v1()
                    .customResourceDefinitions()
                    .withName(crd.getMetadata().getName())
                    .waitUntilCondition(RealApiServer::established, 60, TimeUnit.SECONDS);
        }
        System.out.printf(
                "real API server: CRDs read in %d ms, applied in %d ms, established in %d ms%n",
                (read - t0) / 1_000_000,
                (applied - read) / 1_000_000,
                (System.nanoTime() - applied) / 1_000_000);
        client.namespaces()
                .resource(
                        new NamespaceBuilder()
                                .withNewMetadata()
                                .withName(Sweeps.NAMESPACE)
                                .endMetadata()
                                .build())
                .serverSideApply();
    }

    static boolean established(CustomResourceDefinition crd) {
        return crd != null
                && crd.getStatus() != null
                && crd.getStatus().getConditions() != null
                && crd.getStatus().getConditions().stream()
                        .anyMatch(
                                c ->
                                        "Established".equals(c.getType())
                                                && "True".equals(c.getStatus()));
    }

    /**
     * The folder holding {@code k8s/VERSION-linux-amd64/}: {@code -Disthmus.apiServerBinaries} or
     * what {@code e2e/cluster api-server-binaries} prints (it builds them first when missing, which
     * takes about half an hour on two cores).
     */
    static Path binaries() {
        String given = System.getProperty("isthmus.apiServerBinaries");
        if (given != null && !given.isBlank()) {
            return Path.of(given);
        }
        Path script = REPO.resolve("e2e/cluster");
        Path log = TEST_DIR.resolveSibling("api-server-binaries.log");
        try {
            Files.createDirectories(TEST_DIR);
            System.out.println(
                    "real API server: "
                            + script
                            + " api-server-binaries (a cold build takes ~30 min)");
            Process process =
                    new ProcessBuilder(script.toString(), "api-server-binaries")
                            .redirectErrorStream(true)
                            .redirectOutput(log.toFile())
                            .start();
            int exit = process.waitFor();
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            if (exit != 0 || lines.isEmpty()) {
                throw new IllegalStateException(
                        script
                                + " api-server-binaries failed (exit "
                                + exit
                                + "); its output:\n"
                                + String.join("\n", lines));
            }
            return Path.of(lines.get(lines.size() - 1).strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** kube-api-test writes its certificates to its test dir: keep that in target, link k8s/. */
    private static void linkBinaries(Path binaries) {
        Path bins = binaries.resolve("k8s/" + KUBERNETES_VERSION + "-linux-amd64");
        for (String name : List.of("etcd", "kube-apiserver", "kubectl")) {
            if (!Files.isExecutable(bins.resolve(name))) {
                throw new IllegalStateException(
                        bins.resolve(name) + " is missing: run e2e/cluster api-server-binaries");
            }
        }
        try {
            Files.createDirectories(TEST_DIR);
            Path link = TEST_DIR.resolve("k8s");
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, binaries.resolve("k8s").toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String data(String data, String file) {
        if (data != null) {
            return data;
        }
        try {
            return Base64.getEncoder().encodeToString(Files.readAllBytes(Path.of(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
