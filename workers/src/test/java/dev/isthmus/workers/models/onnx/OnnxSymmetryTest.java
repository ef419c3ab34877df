package dev.isthmus.workers.models.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isthmus.workers.engine.Compute;
import dev.isthmus.workers.models.Mlp;
import dev.isthmus.workers.models.PermutationSpec;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The permutation groups inferred from each fixture graph, their self-test and recovery. */
class OnnxSymmetryTest {
    private static final Path DIR = Path.of("src/test/resources/onnx");

    private static OnnxModel model(String name) {
        return OnnxModel.load(DIR.resolve(name + ".onnx"), name + ".onnx");
    }

    /** A spec's groups as sets of "param#axis", names ignored. */
    static Set<Set<String>> partition(PermutationSpec spec) {
        Set<Set<String>> out = new HashSet<>();
        spec.permToAxes()
                .values()
                .forEach(
                        axes -> {
                            Set<String> g = new TreeSet<>();
                            axes.forEach(a -> g.add(a.param() + "#" + a.axis()));
                            out.add(g);
                        });
        return out;
    }

    private static void print(String name, OnnxModel model) {
        OnnxSymmetry s = model.symmetry();
        System.out.printf(
                "%s: %d groups, self-test change %.3g (logits up to %.3g)%n",
                name, s.groups().size(), s.selfTestChange(), s.logitScale());
        s.groups()
                .forEach(
                        g -> System.out.println("  " + g.name() + " " + g.size() + " " + g.axes()));
        s.dropped()
                .forEach(d -> System.out.println("  dropped " + d.producer() + ": " + d.reason()));
    }

    private static Map<String, Integer> recovery(OnnxModel model) {
        Map<String, Integer> missed = new TreeMap<>();
        try (var m = Compute.cpuManager()) {
            for (OnnxSymmetry.Recovery r : model.symmetry().plantedRecovery(model, m, 11)) {
                missed.put(r.group(), r.size() - r.recovered());
            }
        }
        return missed;
    }

    @Test
    void mlpGroupsEqualTheBuiltInMlpsAndAPlantedPermutationIsRecovered() {
        OnnxModel model = model("mlp");
        print("mlp", model);
        Mlp builtIn = new Mlp(784, List.of(48, 32), 10);
        assertEquals(partition(builtIn.permutationSpec()), partition(model.permutationSpec()));
        assertEquals(
                builtIn.permutationSpec().axesToPerm().keySet(),
                model.permutationSpec().axesToPerm().keySet());
        assertTrue(
                model.symmetry().selfTestChange() <= 1e-5, "" + model.symmetry().selfTestChange());
        assertEquals(Map.of("P_layers.0", 0, "P_layers.1", 0), recovery(model));
    }

    @Test
    void cnnKeepsTheFirstConvolutionsChannelsAndDropsTheFlattenedOnes() {
        OnnxModel model = model("cnn");
        print("cnn", model);
        OnnxSymmetry s = model.symmetry();
        assertEquals(
                List.of("P_conv1"), s.groups().stream().map(OnnxSymmetry.Group::name).toList());
        Set<String> axes = new TreeSet<>();
        s.groups().get(0).axes().forEach(a -> axes.add(a.param() + "#" + a.axis()));
        assertEquals(
                Set.of(
                        "conv1.weight#0",
                        "conv1.bias#0",
                        "bn1.weight#0",
                        "bn1.bias#0",
                        "bn1.running_mean#0",
                        "bn1.running_var#0",
                        "conv2.weight#1"),
                axes);
        assertTrue(
                s.dropped().stream()
                        .anyMatch(
                                d ->
                                        d.producer().contains("Conv")
                                                && d.reason().contains("merged")),
                "conv2's channels are flattened into the classifier: " + s.dropped());
        assertEquals(Map.of("P_conv1", 0), recovery(model));
    }

    @Test
    void transformersGetTheResidualStreamAndTheirMlpUnitsAndDropTheSplitHeads() {
        for (String name : List.of("vit", "gpt")) {
            OnnxModel model = model(name);
            print(name, model);
            OnnxSymmetry s = model.symmetry();
            assertEquals(
                    List.of(
                            "P_blocks.0.fc1",
                            "P_blocks.1.fc1",
                            name.equals("vit") ? "P_patch" : "P_wte"),
                    s.groups().stream().map(OnnxSymmetry.Group::name).sorted().toList(),
                    name + ": the residual stream and two MLP hidden groups");
            SortedMap<String, List<String>> axes = s.spec().axesToPerm();
            String stream = name.equals("vit") ? "P_patch" : "P_wte";
            assertEquals(stream, axes.get("head.weight").get(1), "the head reads the stream");
            assertEquals(stream, axes.get("blocks.0.ln1.weight").get(0));
            assertEquals(stream, axes.get("blocks.1.fc2.bias").get(0));
            assertEquals(
                    axes.get("blocks.0.fc1.weight").get(0), axes.get("blocks.0.fc2.weight").get(1));
            assertEquals(
                    null, axes.get("blocks.0.qkv.weight").get(0), "heads are not inferred yet");
            assertTrue(
                    s.dropped().stream().anyMatch(d -> d.reason().contains("split")),
                    name + ": " + s.dropped());
            assertTrue(s.selfTestChange() <= OnnxSymmetry.TOLERANCE * Math.max(1, s.logitScale()));
            recovery(model).forEach((g, missed) -> assertEquals(0, missed, name + " " + g));
        }
    }

    @Test
    void reductionsAndConstantsOfShapeKeepTheirGroup() {
        OnnxModel model = model("ops");
        print("ops", model);
        SortedMap<String, List<String>> axes = model.permutationSpec().axesToPerm();
        assertEquals("P_fc", axes.get("fc.weight").get(0));
        assertEquals("P_fc", axes.get("scale").get(0));
        assertEquals("P_fc", axes.get("out.weight").get(1));
        assertEquals(null, axes.get("out.weight").get(0));
    }
}
