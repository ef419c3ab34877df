package dev.isthmus.api.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The vocabularies spell the words the spec types' constants and the sweep files use. */
class NamesTest {

    @Test
    void wordsAreTheSweepFilesSpelling() {
        assertEquals(
                List.of("fashion-mnist", "modular-addition", "sparse-parity", "tensors"),
                Names.of(Names.Dataset.class));
        assertEquals(
                List.of(
                        AlignmentSpec.NONE,
                        AlignmentSpec.WEIGHT_MATCHING,
                        AlignmentSpec.ACTIVATION_MATCHING,
                        AlignmentSpec.ORTHOGONAL),
                Names.of(Names.Alignment.class));
        assertEquals(
                List.of(ModelSpec.MLP, ModelSpec.RESNET, ModelSpec.TRANSFORMER, ModelSpec.ONNX),
                Names.of(Names.Architecture.class));
        assertEquals(List.of(PathSpec.LINEAR, PathSpec.BEZIER), Names.of(Names.Path.class));
        assertEquals(
                List.of(PathSpec.REPAIR_NONE, PathSpec.REPAIR_RESET, PathSpec.REPAIR_REPAIR),
                Names.of(Names.Repair.class));
        assertEquals(MetricSpec.CKA, Names.Metric.CKA.wire());
    }

    @Test
    void parsesWhatItSpells() {
        assertEquals(
                Optional.of(Names.Alignment.WEIGHT_MATCHING),
                Names.parse(Names.Alignment.class, "weight-matching"));
        assertEquals(Optional.empty(), Names.parse(Names.Alignment.class, "WEIGHT_MATCHING"));
    }
}
