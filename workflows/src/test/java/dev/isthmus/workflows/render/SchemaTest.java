package dev.isthmus.workflows.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isthmus.api.spec.ConnectivitySweep;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Everything the renderer emits is valid for Argo: each object passes Argo's own JSON schema, made
 * strict so that a misspelt field would fail too.
 */
class SchemaTest {

    static Stream<Arguments> rendered() {
        RenderOptions defaults = RenderOptions.defaults();
        return Stream.of(
                Arguments.of("quickstart", TestSweeps.example("quickstart"), defaults),
                Arguments.of(
                        "fmnist-mlp-3x512 g7",
                        TestSweeps.example("fmnist-mlp-3x512"),
                        defaults.withGeneration(7L)),
                Arguments.of(
                        "nightly-regression",
                        TestSweeps.example("nightly-regression"),
                        defaults.withGeneration(3L)),
                Arguments.of("hundred checkpoints", TestSweeps.hundredCheckpoints(), defaults),
                Arguments.of(
                        "s3 store, GPUs, tolerations",
                        TestSweeps.sweep(
                                "gpus",
                                TestSweeps.small(
                                        "{store: 's3://runs/isthmus', storeCredentials: {secret:"
                                                + " isthmus-s3}, resources: {gpu: 2, cpu: '8',"
                                                + " memory: 32Gi}, nodeSelector: {pool: gpu},"
                                                + " tolerations: [{key: nvidia.com/gpu, operator:"
                                                + " Exists, effect: NoSchedule}], retries: 0}")),
                        defaults));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rendered")
    void renderedObjectsPassArgosSchema(
            String name, ConnectivitySweep sweep, RenderOptions options) {
        String yaml = TestSweeps.yaml(sweep, options);
        String definition =
                sweep.spec().schedule() == null ? ArgoSchema.WORKFLOW : ArgoSchema.CRON_WORKFLOW;

        assertEquals(List.of(), ArgoSchema.violations(yaml, definition), yaml);
    }

    @Test
    void aMisspeltFieldFails() {
        String yaml = TestSweeps.yaml(TestSweeps.example("quickstart"), RenderOptions.defaults());
        String typo = yaml.replaceFirst("(?m)^      args:$", "      argz:");

        List<String> violations = ArgoSchema.violations(typo, ArgoSchema.WORKFLOW);

        assertTrue(
                violations.stream()
                        .anyMatch(
                                v ->
                                        v.startsWith("/spec/templates/1/container: ")
                                                && v.contains("argz")),
                violations.toString());
    }

    @Test
    void aNumberWhereArgoWantsAStringFails() {
        String yaml = TestSweeps.yaml(TestSweeps.example("quickstart"), RenderOptions.defaults());
        String unquoted = yaml.replaceFirst("count: \"2\"", "count: 2");

        List<String> violations = ArgoSchema.violations(unquoted, ArgoSchema.WORKFLOW);

        assertEquals(1, violations.size(), violations.toString());
        assertTrue(
                violations.get(0).startsWith("/spec/templates/0/dag/tasks/0/withSequence/count"));
    }

    @Test
    void aCronWorkflowIsNotAWorkflow() {
        String yaml =
                TestSweeps.yaml(TestSweeps.example("nightly-regression"), RenderOptions.defaults());

        assertTrue(yaml.startsWith("apiVersion: argoproj.io/v1alpha1\nkind: CronWorkflow\n"), yaml);
        assertTrue(!ArgoSchema.violations(yaml, ArgoSchema.WORKFLOW).isEmpty());
    }
}
