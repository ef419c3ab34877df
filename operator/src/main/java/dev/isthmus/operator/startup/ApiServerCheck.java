package dev.isthmus.operator.startup;

import dev.isthmus.operator.reconcile.ConnectivitySweepReconciler;
import dev.isthmus.workflows.argo.ArgoResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Before the SDK registers the controller (whose informers would fail with a page of stack trace),
 * asks the API server once whether it serves Argo's Workflow type; when it cannot be reached or
 * does not, prints one line naming the server and the cause, and exits 1.
 */
@ApplicationScoped
public class ApiServerCheck {

    void onStart(@Observes @Priority(10) StartupEvent event, KubernetesClient client) {
        String problem = problem(client);
        if (problem != null && LaunchMode.current() != LaunchMode.NORMAL) {
            throw new IllegalStateException(problem); // tests and dev mode: not the JVM's end
        }
        if (problem != null) {
            System.err.println("isthmus-operator: " + problem);
            System.err.flush();
            // Not System.exit: its shutdown hook waits for the startup this thread is still in.
            Runtime.getRuntime().halt(1);
        }
    }

    /** Why the operator cannot start against this client's API server, or null. */
    static String problem(KubernetesClient client) {
        String server = client.getConfiguration().getMasterUrl();
        try {
            return client.supports(ArgoResource.API_VERSION, "Workflow")
                    ? null
                    : ConnectivitySweepReconciler.NO_ARGO;
        } catch (KubernetesClientException e) {
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            return "cannot reach the Kubernetes API server at "
                    + server
                    + " ("
                    + cause.getClass().getSimpleName()
                    + ": "
                    + cause.getMessage()
                    + "); in a pod the service account's token and KUBERNETES_SERVICE_HOST are"
                    + " used, elsewhere KUBECONFIG or ~/.kube/config";
        }
    }
}
