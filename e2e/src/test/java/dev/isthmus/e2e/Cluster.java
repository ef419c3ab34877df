package dev.isthmus.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The cluster {@code e2e/cluster up} started: its admin kubeconfig, its kubectl, its state folder
 * (where the run store's hostPath volume lives) and the node's address. Nothing here starts a
 * cluster; a missing one fails the test with the command that starts it.
 */
final class Cluster {
    static final String NODE_IP = "172.31.250.1";
    static final Path REPO = Path.of(System.getProperty("user.dir")).getParent();

    final Path state;
    final Path kubeconfig;
    final Path kubectl;
    final KubernetesClient client;

    private Cluster(Path state, Path kubeconfig, Path kubectl) {
        this.state = state;
        this.kubeconfig = kubeconfig;
        this.kubectl = kubectl;
        this.client = clientFor(kubeconfig);
    }

    static Cluster fromEnvironment() {
        Path state = Path.of(env("ISTHMUS_CLUSTER_STATE", "/var/lib/isthmus-cluster"));
        Path cache = Path.of(env("ISTHMUS_CLUSTER_CACHE", "/var/cache/isthmus-cluster"));
        Path kubeconfig = state.resolve("admin.kubeconfig");
        if (!Files.isRegularFile(kubeconfig)) {
            fail("no cluster: " + kubeconfig + " is missing; start one with e2e/cluster up");
        }
        Path kubectl;
        try (Stream<Path> bins = Files.list(cache.resolve("bin"))) {
            kubectl =
                    bins.filter(p -> p.getFileName().toString().startsWith("kubernetes-"))
                            .map(p -> p.resolve("kubectl"))
                            .filter(Files::isExecutable)
                            .findFirst()
                            .orElseThrow();
        } catch (IOException | RuntimeException e) {
            throw new AssertionError("no kubectl under " + cache + "/bin (e2e/cluster build)", e);
        }
        return new Cluster(state, kubeconfig, kubectl);
    }

    static KubernetesClient clientFor(Path kubeconfig) {
        try {
            String text = Files.readString(kubeconfig);
            return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(text)).build();
        } catch (IOException e) {
            throw new AssertionError("cannot read " + kubeconfig, e);
        }
    }

    /** A client that authenticates with a bearer token only (a service account's). */
    KubernetesClient clientWithToken(String token) {
        Config admin = client.getConfiguration();
        Config config = Config.empty();
        config.setMasterUrl(admin.getMasterUrl());
        config.setCaCertData(admin.getCaCertData());
        config.setCaCertFile(admin.getCaCertFile());
        config.setOauthToken(token);
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    MixedOperation<
                    GenericKubernetesResource,
                    GenericKubernetesResourceList,
                    Resource<GenericKubernetesResource>>
            argo(String plural, String kind) {
        return client.genericKubernetesResources(
                new ResourceDefinitionContext.Builder()
                        .withGroup("argoproj.io")
                        .withVersion("v1alpha1")
                        .withPlural(plural)
                        .withKind(kind)
                        .withNamespaced(true)
                        .build());
    }

    MixedOperation<
                    GenericKubernetesResource,
                    GenericKubernetesResourceList,
                    Resource<GenericKubernetesResource>>
            sweeps() {
        return client.genericKubernetesResources(
                new ResourceDefinitionContext.Builder()
                        .withGroup("isthmus.dev")
                        .withVersion("v1alpha1")
                        .withPlural("connectivitysweeps")
                        .withKind("ConnectivitySweep")
                        .withNamespaced(true)
                        .build());
    }

    /**
     * Runs kubectl with the admin kubeconfig; returns its standard output, failing on exit != 0.
     */
    String kubectl(String... args) {
        Result r = kubectlResult(null, args);
        if (r.exit != 0) {
            fail("kubectl " + String.join(" ", args) + " exited " + r.exit + ": " + r.err);
        }
        return r.out;
    }

    Result kubectlResult(String stdin, String... args) {
        List<String> command = new ArrayList<>();
        command.add(kubectl.toString());
        command.add("--kubeconfig");
        command.add(kubeconfig.toString());
        command.addAll(List.of(args));
        return run(stdin, command);
    }

    record Result(int exit, String out, String err) {}

    static Result run(String stdin, List<String> command) {
        try {
            Path out = Files.createTempFile("isthmus-e2e", ".out");
            Path err = Files.createTempFile("isthmus-e2e", ".err");
            ProcessBuilder pb =
                    new ProcessBuilder(command)
                            .directory(REPO.toFile())
                            .redirectOutput(out.toFile())
                            .redirectError(err.toFile());
            Process p = pb.start();
            if (stdin != null) {
                p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            p.getOutputStream().close();
            if (!p.waitFor(20, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                fail(String.join(" ", command) + " did not finish within 20 minutes");
            }
            Result r = new Result(p.exitValue(), Files.readString(out), Files.readString(err));
            Files.delete(out);
            Files.delete(err);
            return r;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
