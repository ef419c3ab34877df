package dev.isthmus.operator.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isthmus.api.validation.Problem;
import dev.isthmus.api.validation.SpecException;
import dev.isthmus.api.validation.SweepLoader;
import dev.isthmus.operator.resource.ConnectivitySweepResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A sweep whose tasks do not fit the worker pod's memory is refused before any Workflow exists,
 * with the sentence {@code isthmus render} prints for the same file.
 */
class SweepAdmissionTest {

    private static ConnectivitySweepResource resource(String hidden, String execution) {
        String yaml =
                """
                apiVersion: isthmus.dev/v1alpha1
                kind: ConnectivitySweep
                metadata: {name: wide}
                spec:
                  model: {architecture: mlp, hidden: %s}
                  dataset: {name: fashion-mnist}
                  endpoints:
                    train: {seeds: [0, 1]}
                  execution: %s
                """
                        .formatted(hidden, execution);
        ConnectivitySweepResource resource = new ConnectivitySweepResource();
        resource.setMetadata(new ObjectMetaBuilder().withName("wide").withNamespace("ml").build());
        resource.setSpec(SweepLoader.parse(yaml, null).spec());
        return resource;
    }

    @Test
    void aSweepTooLargeForThePodMemoryIsInvalidWithTheFieldAndTheBudget() {
        SpecException e =
                assertThrows(
                        SpecException.class,
                        () ->
                                SweepDocument.validated(
                                        resource("[4096, 4096]", "{resources: {memory: 1Gi}}"),
                                        null));
        List<String> problems = e.problems().stream().map(Problem::toString).toList();
        assertEquals(1, problems.size(), problems.toString());
        String problem = problems.get(0);
        assertTrue(problem.startsWith("spec.model.hidden[0]: 4096 units make "), problem);
        assertTrue(
                problem.endsWith("the budget is 1 GiB (spec.execution.resources.memory: 1Gi)"),
                problem);
    }

    @Test
    void aPodThatGrowsOnARetryForMemoryIsAdmittedAgainstItsCap() {
        assertEquals(
                "16Gi",
                SweepDocument.validated(
                                resource(
                                        "[4096, 4096]",
                                        "{retries: 4, resources: {memory: 1Gi, maxMemory: 16Gi}}"),
                                null)
                        .spec()
                        .execution()
                        .resources()
                        .maxMemory());
        SpecException e =
                assertThrows(
                        SpecException.class,
                        () ->
                                SweepDocument.validated(
                                        resource(
                                                "[4096, 4096]",
                                                "{retries: 1, resources: {memory: 256Mi,"
                                                        + " maxMemory: 16Gi}}"),
                                        null));
        String problem = e.problems().get(0).toString();
        assertTrue(
                problem.endsWith(
                        "the budget is 512 MiB (spec.execution.resources.memory: 256Mi doubled on"
                                + " each of spec.execution.retries: 1 retries for memory)"),
                problem);
    }

    @Test
    void theSameSweepFitsALargerPodAndAPodWithoutAMemoryRequestIsNotAdmittedHere() {
        assertEquals(
                "16Gi",
                SweepDocument.validated(
                                resource("[4096, 4096]", "{resources: {memory: 16Gi}}"), null)
                        .spec()
                        .execution()
                        .resources()
                        .memory());
        assertNull(
                SweepDocument.validated(resource("[4096, 4096]", "{retries: 1}"), null)
                        .spec()
                        .execution()
                        .resources());
    }
}
