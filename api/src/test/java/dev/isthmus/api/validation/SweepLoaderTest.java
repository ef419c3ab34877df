package dev.isthmus.api.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isthmus.api.spec.AlignmentSpec;
import dev.isthmus.api.spec.CheckpointRef;
import dev.isthmus.api.spec.ConnectivitySweep;
import dev.isthmus.api.spec.DatasetSpec;
import dev.isthmus.api.spec.EndpointsSpec;
import dev.isthmus.api.spec.ExecutionSpec;
import dev.isthmus.api.spec.Metadata;
import dev.isthmus.api.spec.MetricSpec;
import dev.isthmus.api.spec.ModelSpec;
import dev.isthmus.api.spec.PairsSpec;
import dev.isthmus.api.spec.PathSpec;
import dev.isthmus.api.spec.SeedsSpec;
import dev.isthmus.api.spec.SweepSpec;
import dev.isthmus.api.spec.TrainSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading whole documents: every field of a full one, defaults of a minimal one, JSON, files. */
class SweepLoaderTest {

    private static final String FULL =
            """
            apiVersion: isthmus.dev/v1alpha1
            kind: ConnectivitySweep
            metadata:
              name: parity-sweep
              namespace: research
              labels: {team: connectivity}
            spec:
              model: {architecture: mlp, hidden: [64, 32], normalization: none}
              dataset:
                name: sparse-parity
                trainExamples: 1000
                evalExamples: 200
                evalSplit: train
                bits: 20
                relevant: 4
              endpoints:
                train:
                  seeds: [3, 1]
                  epochs: 4
                  optimizer: sgd
                  learningRate: 1e-1
                  batchSize: 32
                  momentum: 0.8
                  weightDecay: 1e-4
                checkpoints:
                  - {name: pretrained, uri: 'file:///models/pretrained.safetensors'}
              pairs: [[seed-3, pretrained], [seed-1, seed-3]]
              alignments: [none]
              paths: [linear]
              alphas: 11
              metrics: [accuracy]
              seeds: {data: 7, eval: 8}
              execution: {parallelism: 2, retries: 0, store: /tmp/runs, device: cpu, threads: 4}
            """;

    private static final ConnectivitySweep FULL_SWEEP =
            new ConnectivitySweep(
                    "isthmus.dev/v1alpha1",
                    "ConnectivitySweep",
                    new Metadata("parity-sweep", "research", Map.of("team", "connectivity")),
                    new SweepSpec(
                            ModelSpec.mlp(List.of(64, 32)),
                            new DatasetSpec(
                                    "sparse-parity", null, 1000, 200, "train", null, null, 20, 4),
                            new EndpointsSpec(
                                    new TrainSpec(List.of(3L, 1L), 4, "sgd", 0.1, 32, 0.8, 1e-4),
                                    List.of(
                                            new CheckpointRef(
                                                    "pretrained",
                                                    "file:///models/pretrained.safetensors"))),
                            PairsSpec.of(
                                    List.of(
                                            List.of("seed-3", "pretrained"),
                                            List.of("seed-1", "seed-3"))),
                            List.of(AlignmentSpec.of("none")),
                            List.of(new PathSpec("linear", null, null, "none")),
                            11,
                            MetricSpec.named("accuracy"),
                            new SeedsSpec(7L, 8L, 0L),
                            new ExecutionSpec(2, 0, "/tmp/runs", "cpu", 4),
                            null));

    /** {@link Documents#MINIMAL} with every default filled in. */
    static final ConnectivitySweep MINIMAL_SWEEP =
            new ConnectivitySweep(
                    "isthmus.dev/v1alpha1",
                    "ConnectivitySweep",
                    new Metadata("tiny", null, null),
                    new SweepSpec(
                            ModelSpec.mlp(List.of(16)),
                            new DatasetSpec(
                                    "fashion-mnist",
                                    "/usr/share/datasets/fashion-mnist",
                                    null,
                                    null,
                                    "test",
                                    null,
                                    null,
                                    null,
                                    null),
                            new EndpointsSpec(
                                    new TrainSpec(List.of(0L, 1L), 1, "adam", 1e-3, 128, null, 0.0),
                                    null),
                            PairsSpec.of("all"),
                            List.of(AlignmentSpec.of("none")),
                            List.of(new PathSpec("linear", null, null, "none")),
                            25,
                            MetricSpec.named("loss", "accuracy"),
                            new SeedsSpec(0L, 0L, 0L),
                            new ExecutionSpec(1, 2, "file://runs", "auto", 1),
                            null));

    private static final String MINIMAL_JSON =
            "{\n\t\"apiVersion\": \"isthmus.dev/v1alpha1\",\n\t\"kind\": \"ConnectivitySweep\",\n"
                    + "\t\"metadata\": {\"name\": \"tiny\"},\n"
                    + "\t\"spec\": {\"model\": {\"architecture\": \"mlp\", \"hidden\": [16]},\n"
                    + "\t\t\"dataset\": {\"name\": \"fashion-mnist\"},\n"
                    + "\t\t\"endpoints\": {\"train\": {\"seeds\": [0, 1]}}}}\n";

    @Test
    void fullDocumentKeepsEveryGivenValue() {
        assertEquals(FULL_SWEEP, SweepLoader.parse(FULL, "full.yaml"));
    }

    @Test
    void minimalDocumentGetsEveryDefault() {
        assertEquals(MINIMAL_SWEEP, SweepLoader.parse(Documents.MINIMAL, "tiny.yaml"));
    }

    @Test
    void jsonReadsTheSameAsYaml() {
        assertEquals(MINIMAL_SWEEP, SweepLoader.parse(MINIMAL_JSON, "tiny.json"));
        assertEquals(MINIMAL_SWEEP, SweepLoader.parse(MINIMAL_JSON.replace('\t', ' '), null));
    }

    @Test
    void loadsYamlAndJsonFiles(@TempDir Path dir) throws Exception {
        Path yaml = Files.writeString(dir.resolve("tiny.yaml"), Documents.MINIMAL);
        Path json = Files.writeString(dir.resolve("tiny.json"), MINIMAL_JSON);

        assertEquals(MINIMAL_SWEEP, SweepLoader.load(yaml));
        assertEquals(MINIMAL_SWEEP, SweepLoader.load(json));
    }

    @Test
    void aResnetResetsItsBatchNormStatisticsUnlessAPathSaysOtherwise() {
        ConnectivitySweep sweep =
                SweepLoader.parse(
                        Documents.minimalWith(
                                "spec",
                                "{model: {architecture: resnet, depth: 8}, dataset: {name:"
                                        + " fashion-mnist}, endpoints: {train: {seeds: [0, 1]}},"
                                        + " paths: [linear, {type: linear, repair: reset},"
                                        + " {type: linear, repair: none}]}"),
                        null);
        assertEquals("batchnorm", sweep.spec().model().normalization());
        assertEquals(
                List.of("reset", "reset", "none"),
                sweep.spec().paths().stream().map(PathSpec::repair).toList());
    }

    @Test
    void missingFileIsOneProblem(@TempDir Path dir) {
        Path missing = dir.resolve("absent.yaml");

        SpecException e = assertThrows(SpecException.class, () -> SweepLoader.load(missing));

        assertEquals(missing + ": 1 problem\nfile: not found", e.getMessage());
    }

    @Test
    void yamlOutputReadsBackToTheSameSweep() {
        ConnectivitySweep labelled =
                new ConnectivitySweep(
                        FULL_SWEEP.apiVersion(),
                        FULL_SWEEP.kind(),
                        new Metadata(
                                "parity-sweep",
                                null,
                                Map.of("a", "1e-3", "b", "yes", "c", "0x1F", "d", "", "e", "a: b")),
                        FULL_SWEEP.spec());

        assertEquals(FULL_SWEEP, SweepLoader.parse(SweepLoader.toYaml(FULL_SWEEP), null));
        assertEquals(labelled, SweepLoader.parse(SweepLoader.toYaml(labelled), null));
    }

    @Test
    void syntaxErrorNamesLineAndColumn() {
        SpecException e =
                assertThrows(
                        SpecException.class, () -> SweepLoader.parse("spec: [1\n", "bad.yaml"));

        assertEquals(
                "bad.yaml: 1 problem\nline 2, column 1: expected ',' or ']', but got <stream end>",
                e.getMessage());
    }

    @Test
    void duplicateKeyIsAnError() {
        SpecException e =
                assertThrows(
                        SpecException.class,
                        () -> SweepLoader.parse(Documents.MINIMAL + "kind: Other\n", null));

        Problem problem = e.problems().get(0);
        assertEquals(1, e.problems().size());
        assertTrue(problem.path().startsWith("line 9, "), problem.path());
        assertEquals("duplicate field 'kind'", problem.message());
    }

    @Test
    void documentMustBeOneObject() {
        assertEquals(List.of(new Problem("document", "is empty")), problems("# nothing here\n"));
        assertEquals(
                List.of(new Problem("document", "expected an object, got a list")),
                problems("- a\n- b\n"));
        assertEquals(
                List.of(new Problem("document", "expected one document, got 2")),
                problems(Documents.MINIMAL + "---\n" + Documents.MINIMAL));
    }

    private static List<Problem> problems(String text) {
        return assertThrows(SpecException.class, () -> SweepLoader.parse(text, null)).problems();
    }
}
