package dev.isthmus.api.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.isthmus.api.validation.Problem;
import dev.isthmus.api.validation.SweepLoader;
import dev.isthmus.api.validation.SweepValidator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The field reference in docs/sweep-reference.md is the one {@link SweepReference} generates from
 * the spec records. After an intended change to a spec record or to {@link SpecDefaults}, refresh
 * it with {@code ./mvnw -pl api test -Dtest=SweepReferenceTest -Dreference.update=true} and review
 * the diff.
 */
class SweepReferenceTest {

    static final Path DOC = Path.of("..", "docs", "sweep-reference.md");
    static final String REFRESH =
            "./mvnw -pl api test -Dtest=SweepReferenceTest -Dreference.update=true";

    @Test
    void committedReferenceIsTheGeneratedOne() throws IOException {
        String committed = Files.readString(DOC, StandardCharsets.UTF_8);
        String generated = SweepReference.splice(committed);
        if (Boolean.getBoolean("reference.update")) {
            Files.writeString(DOC, generated, StandardCharsets.UTF_8);
            committed = generated;
        }
        if (!committed.equals(generated)) {
            fail(
                    DOC
                            + " is stale: its generated field reference differs from the spec"
                            + " records, "
                            + firstDifference(committed, generated)
                            + ". Refresh it with "
                            + REFRESH
                            + ", review the diff and commit it");
        }
    }

    @Test
    void everyObjectOfTheSweepFileHasItsTable() {
        Map<String, Class<?>> sections =
                SweepReference.sections().stream()
                        .collect(
                                Collectors.toMap(
                                        SweepReference.Section::path,
                                        SweepReference.Section::type));
        assertEquals(ConnectivitySweep.class, sections.get(""));
        assertEquals(SweepSpec.class, sections.get("spec"));
        assertEquals(TrainSpec.class, sections.get("spec.endpoints.train"));
        assertEquals(CheckpointRef.class, sections.get("spec.endpoints.checkpoints[]"));
        assertEquals(AlignmentSpec.class, sections.get("spec.alignments[]"));
        assertEquals(TolerationSpec.class, sections.get("spec.execution.tolerations[]"));
        assertEquals(ScheduleSpec.class, sections.get("spec.schedule"));
        assertEquals(MergeSpec.class, sections.get("spec.merges[]"));
        assertEquals(19, sections.size(), () -> "sections: " + sections.keySet());
        for (SweepReference.Section s : SweepReference.sections()) {
            assertEquals(s.type().getRecordComponents().length, s.fields().size(), s.path());
            s.fields()
                    .forEach(
                            f -> assertTrue(!f.description().isBlank(), s.path() + "." + f.name()));
        }
    }

    @Test
    void defaultsAreThoseSpecDefaultsFills() {
        assertEquals("`25`", field("spec", "alphas").defaults());
        assertEquals("`[none]`", field("spec", "alignments").defaults());
        assertEquals("`[loss, accuracy]`", field("spec", "metrics").defaults());
        assertEquals("`all`", field("spec", "pairs").defaults());
        assertEquals("`20` (architecture: resnet)", field("spec.model", "depth").defaults());
        assertEquals(
                "`0.001` (optimizer: adam), `0.05` (optimizer: sgd)",
                field("spec.endpoints.train", "learningRate").defaults());
        assertEquals(
                "`5000` (type: activation-matching; warmStart: activation-matching)",
                field("spec.alignments[]", "examples").defaults());
        assertEquals(
                "`none` (model: mlp, transformer, onnx); `reset` (model: resnet)",
                field("spec.paths[]", "repair").defaults());
        assertEquals("`UTC`", field("spec.schedule", "timezone").defaults());
        assertEquals("", field("spec.model", "hidden").defaults());
    }

    @Test
    void vocabulariesComeFromNames() {
        assertEquals(Names.of(Names.Alignment.class), field("spec.alignments[]", "type").words());
        assertEquals(Names.of(Names.Device.class), field("spec.execution", "device").words());
        assertEquals(List.of(), field("spec.execution", "store").words());
    }

    @Test
    void theValidatorRefusesEveryWordOutsideAFieldsVocabulary() {
        ConnectivitySweep example =
                SweepLoader.load(Path.of("..", "examples", "fmnist-mlp-3x512.yaml"));
        int checked = 0;
        for (SweepReference.Section s : SweepReference.sections()) {
            for (SweepReference.Field f : s.fields()) {
                if (f.words().isEmpty()) {
                    continue;
                }
                String path = s.path() + "." + f.name();
                ConnectivitySweep sweep = example;
                if (path.equals("spec.alignments[].warmStart")) {
                    // a warm start applies only to weight-matching
                    sweep = SweepReference.with(sweep, "spec.alignments[].type", "weight-matching");
                }
                if (path.equals("spec.metrics[].linkage")) {
                    // a linkage applies only to the basin map
                    sweep = SweepReference.with(sweep, "spec.metrics[].type", "basins");
                }
                List<Problem> problems =
                        SweepValidator.validate(SweepReference.with(sweep, path, "no-such-word"));
                String listed = String.join(", ", f.words());
                assertTrue(
                        problems.stream().anyMatch(p -> p.message().contains(listed)),
                        () -> path + ": no problem lists " + listed + ", got " + problems);
                checked++;
            }
        }
        assertEquals(14, checked);
    }

    @Test
    void aDocumentWithoutMarkersIsRefusedInASentence() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class, () -> SweepReference.splice("# notes\n"));
        assertTrue(e.getMessage().startsWith("the document has no generated block"));
    }

    @Test
    void anEditInsideTheBlockIsUndone() {
        String fresh = SweepReference.splice(SweepReference.markdown());
        String edited = fresh.replace("| `alphas` |", "| `alpha` |");
        assertNotEquals(fresh, edited);
        assertEquals(fresh, SweepReference.splice(edited));
        String prose = "# Title\n\nProse kept.\n\n" + fresh + "\nMore prose.\n";
        assertEquals(prose, SweepReference.splice(prose));
    }

    private static SweepReference.Field field(String section, String name) {
        return SweepReference.sections().stream()
                .filter(s -> s.path().equals(section))
                .flatMap(s -> s.fields().stream())
                .filter(f -> f.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no field " + section + "." + name));
    }

    private static String firstDifference(String expected, String actual) {
        List<String> a = expected.lines().toList();
        List<String> b = actual.lines().toList();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            String x = i < a.size() ? a.get(i) : "<end>";
            String y = i < b.size() ? b.get(i) : "<end>";
            if (!x.equals(y)) {
                return "first at line "
                        + (i + 1)
                        + ": committed ["
                        + x
                        + "], generated ["
                        + y
                        + "]";
            }
        }
        return "in line endings";
    }
}
