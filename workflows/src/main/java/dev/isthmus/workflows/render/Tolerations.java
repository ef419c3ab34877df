package dev.isthmus.workflows.render;

import dev.isthmus.api.spec.TolerationSpec;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import java.util.List;

/** The spec's tolerations as Kubernetes tolerations. */
final class Tolerations {

    private Tolerations() {}

    static List<Toleration> of(List<TolerationSpec> tolerations) {
        if (tolerations == null) {
            return null;
        }
        return tolerations.stream()
                .map(
                        t ->
                                new TolerationBuilder()
                                        .withKey(t.key())
                                        .withOperator(t.operator())
                                        .withValue(t.value())
                                        .withEffect(t.effect())
                                        .withTolerationSeconds(t.tolerationSeconds())
                                        .build())
                .toList();
    }
}
