package dev.isthmus.operator.reconcile;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.UUID;

/** Records Kubernetes Events on a sweep ({@code kubectl describe csweep} shows them). */
final class SweepEvents {

    static final String COMPONENT = "isthmus-operator";

    private final KubernetesClient client;

    SweepEvents(KubernetesClient client) {
        this.client = client;
    }

    void warning(HasMetadata about, String reason, String message) {
        String now = Instant.now().toString();
        client.v1()
                .events()
                .inNamespace(about.getMetadata().getNamespace())
                .resource(
                        new EventBuilder()
                                .withNewMetadata()
                                .withName(
                                        about.getMetadata().getName()
                                                + "."
                                                + UUID.randomUUID().toString().substring(0, 8))
                                .withNamespace(about.getMetadata().getNamespace())
                                .endMetadata()
                                .withInvolvedObject(
                                        new ObjectReferenceBuilder()
                                                .withApiVersion(about.getApiVersion())
                                                .withKind(about.getKind())
                                                .withName(about.getMetadata().getName())
                                                .withNamespace(about.getMetadata().getNamespace())
                                                .withUid(about.getMetadata().getUid())
                                                .build())
                                .withType("Warning")
                                .withReason(reason)
                                .withMessage(message)
                                .withCount(1)
                                .withFirstTimestamp(now)
                                .withLastTimestamp(now)
                                .withNewSource()
                                .withComponent(COMPONENT)
                                .endSource()
                                .build())
                .create();
    }
}
