package dev.isthmus.operator;

import static org.awaitility.Awaitility.await;

import dev.isthmus.operator.resource.ConnectivitySweepResource;
import dev.isthmus.operator.resource.SweepStatus;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/** Waits for a sweep's status to satisfy a condition, or for a Workflow (polling every 20 ms). */
public final class SweepAwait {

    private SweepAwait() {}

    public static SweepStatus status(
            KubernetesClient client, String name, Predicate<SweepStatus> ready) {
        AtomicReference<SweepStatus> seen = new AtomicReference<>();
        await().pollInterval(Duration.ofMillis(20))
                .atMost(Duration.ofSeconds(15))
                .alias("status of " + name + " (last seen: " + seen + ")")
                .until(
                        () -> {
                            ConnectivitySweepResource sweep =
                                    client.resources(ConnectivitySweepResource.class)
                                            .inNamespace(Sweeps.NAMESPACE)
                                            .withName(name)
                                            .get();
                            SweepStatus status = sweep == null ? null : sweep.getStatus();
                            seen.set(status);
                            return status != null && ready.test(status);
                        });
        return seen.get();
    }

    /** The Workflow {@code name} once it exists (within 15 s). */
    public static GenericKubernetesResource workflow(KubernetesClient client, String name) {
        await().pollInterval(Duration.ofMillis(20))
                .atMost(Duration.ofSeconds(15))
                .alias("Workflow " + name)
                .until(() -> Sweeps.workflow(client, name) != null);
        return Sweeps.workflow(client, name);
    }
}
