package dev.isthmus.operator.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.isthmus.operator.metrics.SweepMetrics;
import dev.isthmus.operator.resource.ConnectivitySweepResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.Proxy;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Without Argo's Workflow type on the API server the operator refuses to start, saying why. */
class ArgoFirstTest {

    @Test
    void missingArgoIsNamedAtStartup() {
        KubernetesClient noArgo =
                (KubernetesClient)
                        Proxy.newProxyInstance(
                                getClass().getClassLoader(),
                                new Class<?>[] {KubernetesClient.class},
                                (proxy, method, args) -> {
                                    if (method.getName().equals("supports")) {
                                        return false;
                                    }
                                    throw new UnsupportedOperationException(method.getName());
                                });
        ConnectivitySweepReconciler reconciler =
                new ConnectivitySweepReconciler(
                        noArgo, new SweepMetrics(new SimpleMeterRegistry()), new Defaults());
        IllegalStateException e =
                assertThrows(
                        IllegalStateException.class,
                        () ->
                                reconciler.prepareEventSources(
                                        new EventSourceContext<>(
                                                null,
                                                null,
                                                noArgo,
                                                ConnectivitySweepResource.class)));
        assertEquals(
                "Argo Workflows is not installed: the API server does not serve"
                        + " argoproj.io/v1alpha1 Workflow. Install Argo Workflows (its CRDs) first,"
                        + " then start the Isthmus operator.",
                e.getMessage());
    }

    /** The settings' defaults. */
    static final class Defaults implements OperatorSettings {
        @Override
        public Optional<String> image() {
            return Optional.empty();
        }

        @Override
        public String serviceAccount() {
            return "isthmus-worker";
        }

        @Override
        public int maxPodsPerStage() {
            return 100;
        }

        @Override
        public String claimMountPath() {
            return "/isthmus";
        }

        @Override
        public String scratchPath() {
            return "/tmp";
        }

        @Override
        public String leaderElectionLeaseName() {
            return "isthmus-operator";
        }

        @Override
        public SweepDefaults defaults() {
            return null;
        }
    }
}
