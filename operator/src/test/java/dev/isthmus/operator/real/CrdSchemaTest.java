package dev.isthmus.operator.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isthmus.operator.SweepAwait;
import dev.isthmus.operator.Sweeps;
import dev.isthmus.operator.resource.ConnectivitySweepResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The real API server accepts the generated CRD as a structural schema, publishes its field
 * documentation, prunes unknown fields but keeps the free-form ones, rejects wrong types and the
 * name-length rule (CEL), and adds no defaults of its own: the operator fills them.
 */
@QuarkusTest
@TestProfile(RealApiServerProfile.class)
class CrdSchemaTest {

    @Inject KubernetesClient client;

    @Test
    void crdIsStructuralAndEstablished() {
        CustomResourceDefinition crd =
                client.apiextensions()
                        .v1()
                        .customResourceDefinitions()
                        .withName("connectivitysweeps.isthmus.dev")
                        .get();
        assertTrue(RealApiServer.established(crd), () -> "not established: " + crd.getStatus());
        assertTrue(
                crd.getStatus().getConditions().stream()
                        .noneMatch(
                                c ->
                                        "NonStructuralSchema".equals(c.getType())
                                                && "True".equals(c.getStatus())),
                () -> "conditions: " + crd.getStatus().getConditions());
        String openApi = client.raw("/openapi/v3/apis/isthmus.dev/v1alpha1");
        assertTrue(
                openApi.contains("Alignment methods applied to the second endpoint of each pair."),
                "the served OpenAPI (what kubectl explain reads) carries the field docs");
    }

    @Test
    void unknownFieldsArePrunedAndFreeFormFieldsKept() {
        Map<String, Object> stored =
                spec(
                        create(
                                "pruned",
                                """
                                  bogus: 1
                                  pairs: [[0, 1]]
                                """,
                                "{architecture: mlp, hidden: [8], bogus: x}"));
        assertFalse(stored.containsKey("bogus"), "spec.bogus pruned: " + stored);
        assertFalse(
                ((Map<?, ?>) stored.get("model")).containsKey("bogus"),
                "spec.model.bogus pruned: " + stored);
        assertEquals(List.of(List.of(0, 1)), stored.get("pairs"));
        assertEquals(List.of("none", "weight-matching"), stored.get("alignments"));
    }

    @Test
    void everyShorthandOfTheSpecIsAcceptedAsWritten() {
        Map<String, Object> stored =
                spec(
                        create(
                                "shorthands",
                                """
                                  pairs: consecutive
                                  metrics: [loss, {type: basins, threshold: 0.2}]
                                  merges: [merge-many, {alignment: weight-matching, weights: [1, 2]}]
                                  schedule: "0 2 * * *"
                                """,
                                "{architecture: mlp, hidden: [8]}"));
        assertEquals("consecutive", stored.get("pairs"));
        assertEquals(
                List.of("loss", Map.of("type", "basins", "threshold", 0.2)), stored.get("metrics"));
        assertEquals(
                List.of(
                        "merge-many",
                        Map.of("alignment", "weight-matching", "weights", List.of(1, 2))),
                stored.get("merges"));
        assertEquals("0 2 * * *", stored.get("schedule"));
    }

    @Test
    void wrongTypeIsRejectedWithItsFieldPath() {
        KubernetesClientException e =
                assertThrows(
                        KubernetesClientException.class,
                        () -> create("typed", "  alphas: three\n", "{architecture: mlp}"));
        assertEquals(422, e.getCode());
        assertTrue(e.getMessage().contains("spec.alphas"), e.getMessage());
        assertTrue(e.getMessage().contains("must be of type integer"), e.getMessage());
    }

    @Test
    void nameLongerThan52IsRejectedByTheCelRule() {
        String name = "n".repeat(53);
        KubernetesClientException e =
                assertThrows(
                        KubernetesClientException.class,
                        () ->
                                client.resource(Sweeps.small(name, ""))
                                        .inNamespace(Sweeps.NAMESPACE)
                                        .create());
        assertEquals(422, e.getCode());
        assertTrue(
                e.getMessage()
                        .contains(
                                "a sweep's name may have at most 52 characters (its Workflows add"
                                        + " -g<generation>)"),
                e.getMessage());
        client.resource(Sweeps.small("n".repeat(52), "")).inNamespace(Sweeps.NAMESPACE).create();
    }

    @Test
    void serverAddsNoDefaultsAndTheOperatorFillsTheStore() {
        ConnectivitySweepResource sweep = Sweeps.small("defaulted", "");
        Sweeps.respec(sweep, sweep.getSpec().alphas(), null);
        ConnectivitySweepResource created =
                client.resource(sweep).inNamespace(Sweeps.NAMESPACE).create();
        assertNull(created.getSpec().execution(), "the API server added spec.execution");
        GenericKubernetesResource workflow = SweepAwait.workflow(client, "defaulted-g1");
        assertTrue(
                Serialization.asJson(workflow).contains(RealApiServerProfile.DEFAULT_STORE),
                "the Workflow uses the operator's default store");
    }

    private GenericKubernetesResource create(String name, String specExtra, String model) {
        String yaml =
                """
                apiVersion: isthmus.dev/v1alpha1
                kind: ConnectivitySweep
                metadata: {name: %s, namespace: %s}
                spec:
                  model: %s
                  dataset: {name: fashion-mnist, trainExamples: 600, evalExamples: 200}
                  endpoints:
                    train: {seeds: [0, 1], epochs: 1, batchSize: 128}
                  alignments: [none, weight-matching]
                  paths: [linear]
                  execution: {store: "s3://bucket/isthmus", parallelism: 1, retries: 0, threads: 1}
                %s
                """
                        .formatted(name, Sweeps.NAMESPACE, model, specExtra);
        return client.resource(Serialization.unmarshal(yaml, GenericKubernetesResource.class))
                .create();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(GenericKubernetesResource sweep) {
        return (Map<String, Object>) sweep.getAdditionalProperties().get("spec");
    }
}
