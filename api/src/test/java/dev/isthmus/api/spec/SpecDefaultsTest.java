package dev.isthmus.api.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Defaults fill what is missing and never replace what a user wrote. */
class SpecDefaultsTest {

    private static final ModelSpec MODEL =
            new ModelSpec("mlp", List.of(8), null, null, null, null, null, null, null, null);

    @Test
    void givenValuesAreKept() {
        SweepSpec given =
                new SweepSpec(
                        new ModelSpec(
                                "mlp",
                                List.of(8),
                                "batchnorm",
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null),
                        new DatasetSpec(
                                "modular-addition", null, 10, 20, "train", 13, 0.3, null, null),
                        new EndpointsSpec(
                                new TrainSpec(List.of(5L, 6L), 3, "sgd", 0.2, 16, 0.5, 0.01), null),
                        PairsSpec.of("consecutive"),
                        List.of(
                                new AlignmentSpec(
                                        "weight-matching", 7, 300, "activation-matching")),
                        List.of(new PathSpec("bezier", 5, 0.01, "reset")),
                        9,
                        List.of(new MetricSpec("cka", 64)),
                        new SeedsSpec(4L, 5L, 6L),
                        new ExecutionSpec(8, 3, "/data/runs", "gpu", 2),
                        null);

        assertEquals(given, SpecDefaults.apply(given));
    }

    @Test
    void confidenceAndBasinsGetTheirOptions() {
        SweepSpec spec =
                SpecDefaults.apply(
                        new SweepSpec(
                                MODEL,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                List.of(
                                        MetricSpec.of("confidence"),
                                        MetricSpec.of("basins"),
                                        new MetricSpec("confidence", null, 200, 0.9, null, null)),
                                null,
                                null,
                                null));

        assertEquals(
                List.of(
                        new MetricSpec("confidence", null, 1000, 0.95, null, null),
                        new MetricSpec("basins", null, null, null, "average", 0.1),
                        new MetricSpec("confidence", null, 200, 0.9, null, null)),
                spec.metrics());
    }

    @Test
    void sgdGetsItsOwnLearningRateAndMomentum() {
        TrainSpec sgd = train(new TrainSpec(List.of(0L), null, "sgd", null, null, null, null));
        TrainSpec adam = train(new TrainSpec(List.of(0L), null, null, null, null, null, null));

        assertEquals(new TrainSpec(List.of(0L), 1, "sgd", 0.05, 128, 0.9, 0.0), sgd);
        assertEquals(new TrainSpec(List.of(0L), 1, "adam", 1e-3, 128, null, 0.0), adam);
    }

    @Test
    void datasetDefaultsDependOnTheDataset() {
        assertEquals(
                new DatasetSpec("modular-addition", null, null, null, "test", 97, 0.5, null, null),
                dataset("modular-addition"));
        assertEquals(
                new DatasetSpec("sparse-parity", null, 20_000, 5_000, "test", null, null, 40, 3),
                dataset("sparse-parity"));
        assertEquals("/usr/share/datasets/fashion-mnist", dataset("fashion-mnist").path());
    }

    @Test
    void partialSectionsAreCompletedFieldByField() {
        SweepSpec spec =
                SpecDefaults.apply(
                        new SweepSpec(
                                MODEL,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                new SeedsSpec(null, 3L, null),
                                new ExecutionSpec(4, null, null, "cpu", null),
                                null));

        assertEquals(new SeedsSpec(0L, 3L, 0L), spec.seeds());
        assertEquals(new ExecutionSpec(4, 2, "file://runs", "cpu", 1), spec.execution());
        assertEquals("none", spec.model().normalization());
        assertNull(spec.endpoints());
    }

    @Test
    void aResnetIsBatchNormByDefaultAndItsPathsResetStatisticsUnlessTheySayOtherwise() {
        SweepSpec spec =
                SpecDefaults.apply(
                        new SweepSpec(
                                new ModelSpec(
                                        "resnet", null, null, null, null, null, null, null, null,
                                        null),
                                null,
                                null,
                                null,
                                null,
                                List.of(
                                        PathSpec.of("linear"),
                                        new PathSpec("linear", null, null, "none")),
                                null,
                                null,
                                null,
                                null,
                                null));

        assertEquals(
                new ModelSpec("resnet", null, "batchnorm", 20, 1, null, null, null, null, null),
                spec.model());
        assertEquals(
                List.of("linear+reset", "linear"),
                spec.paths().stream().map(PathSpec::label).toList());
    }

    private static TrainSpec train(TrainSpec train) {
        return apply(new EndpointsSpec(train, null), null).endpoints().train();
    }

    private static DatasetSpec dataset(String name) {
        return apply(null, new DatasetSpec(name, null, null, null, null, null, null, null, null))
                .dataset();
    }

    private static SweepSpec apply(EndpointsSpec endpoints, DatasetSpec dataset) {
        return SpecDefaults.apply(
                new SweepSpec(
                        MODEL, dataset, endpoints, null, null, null, null, null, null, null, null));
    }
}
