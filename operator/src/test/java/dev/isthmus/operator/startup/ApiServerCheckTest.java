package dev.isthmus.operator.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isthmus.operator.reconcile.ConnectivitySweepReconciler;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

/** The one line the operator prints instead of a startup stack trace. */
class ApiServerCheckTest {

    @Test
    void anUnreachableServerIsNamedWithItsCause() {
        try (KubernetesClient client =
                new KubernetesClientBuilder()
                        .withConfig(
                                new ConfigBuilder()
                                        .withMasterUrl("http://127.0.0.1:1")
                                        .withRequestRetryBackoffLimit(0)
                                        .build())
                        .build()) {
            String problem = ApiServerCheck.problem(client);
            assertTrue(
                    problem.startsWith(
                            "cannot reach the Kubernetes API server at http://127.0.0.1:1/ (Connect"),
                    problem);
            assertTrue(problem.endsWith("elsewhere KUBECONFIG or ~/.kube/config"), problem);
        }
    }

    @Test
    void aServerWithoutArgoIsNamedAsSuch() {
        KubernetesClient noArgo =
                (KubernetesClient)
                        Proxy.newProxyInstance(
                                getClass().getClassLoader(),
                                new Class<?>[] {KubernetesClient.class},
                                (proxy, method, args) ->
                                        switch (method.getName()) {
                                            case "supports" -> false;
                                            case "getConfiguration" ->
                                                    new ConfigBuilder()
                                                            .withMasterUrl("https://10.0.0.1/")
                                                            .build();
                                            default ->
                                                    throw new UnsupportedOperationException(
                                                            method.getName());
                                        });
        assertEquals(ConnectivitySweepReconciler.NO_ARGO, ApiServerCheck.problem(noArgo));
    }
}
