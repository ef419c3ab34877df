package dev.isthmus.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.isthmus.api.spec.ModelSpec;
import dev.isthmus.workers.align.Permutations;
import dev.isthmus.workers.io.Checkpoint;
import dev.isthmus.workers.io.DType;
import dev.isthmus.workers.io.HostTensor;
import dev.isthmus.workers.io.Safetensors;
import dev.isthmus.workers.models.Buffers;
import dev.isthmus.workers.models.Mlp;
import dev.isthmus.workers.models.Model;
import dev.isthmus.workers.models.Models;
import dev.isthmus.workers.store.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code isthmus merge} on files: what it writes, and the sentences bad input gets. */
class MergeCommandTest {
    private static final Mlp MLP = new Mlp(784, List.of(40, 24), 10);

    /** Three hidden permutations of one network, and the model and dataset files. */
    private static List<Path> permutedCopies(Path dir) throws Exception {
        Files.writeString(dir.resolve("model.yaml"), "architecture: mlp\nhidden: [40, 24]\n");
        Files.writeString(
                dir.resolve("data.yaml"),
                "name: fashion-mnist\ntrainExamples: 1000\nevalExamples: 500\n");
        var theta = MLP.initialise(1);
        var sizes = MLP.permutationSpec().sizes(MLP.parameterShapes());
        List<Path> files = new ArrayList<>();
        for (int m = 0; m < 3; m++) {
            var copy =
                    m == 0
                            ? theta
                            : Permutations.apply(
                                    MLP.permutationSpec(), Permutations.random(sizes, m), theta);
            Path f = dir.resolve("m" + m + ".safetensors");
            Safetensors.write(f, new Checkpoint(Map.of("format", "pt"), copy));
            files.add(f);
        }
        return files;
    }

    private static String[] merge(Path dir, List<Path> files, String... more) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "merge",
                                "--model",
                                dir.resolve("model.yaml").toString(),
                                "--dataset",
                                dir.resolve("data.yaml").toString()));
        for (Path f : files) args.add(f.toString());
        args.addAll(Arrays.asList(more));
        return args.toArray(String[]::new);
    }

    @Test
    void theMergeOfPermutedCopiesIsTheFirstCopyWithTheInputsNamesShapesAndHashes(@TempDir Path dir)
            throws Exception {
        List<Path> files = permutedCopies(dir);
        Path out = dir.resolve("merged.safetensors");
        CliTest.Outcome o = CliTest.run(merge(dir, files, "--out", out.toString()));
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("merge-many of 3 checkpoints (mlp 784-40-24-10)"), o.out());
        assertTrue(o.out().contains("naive average (unaligned)"), o.out());

        SortedMap<String, HostTensor> first = Safetensors.read(files.get(0)).tensors();
        Checkpoint merged = Safetensors.read(out);
        assertEquals(first.keySet(), merged.tensors().keySet());
        first.forEach(
                (name, t) -> assertArrayEquals(t.shape(), merged.tensors().get(name).shape()));
        assertEquals(first, merged.tensors(), "permuted copies of one network merge into it");
        assertEquals("merge-many", merged.metadata().get("isthmus.merge"));

        JsonNode p = Json.MAPPER.readTree(dir.resolve("merged.json").toFile());
        for (int m = 0; m < 3; m++) {
            JsonNode s = p.get("sources").get(m);
            assertEquals(files.get(m).toString(), s.get("file").asText());
            assertEquals(sha256(files.get(m)), s.get("sha256").asText());
            assertEquals(1.0 / 3, s.get("weight").asDouble(), 1e-15);
            assertEquals(40, s.get("permutations").get("P_0").size());
        }
        assertEquals(sha256(out), p.get("output").get("sha256").asText());
        assertEquals("merge-many", p.get("alignment").asText());
        assertTrue(p.get("converged").asBoolean());
        assertEquals("none", p.get("repair").asText(), "an mlp has no norm layers to reset");
        double member = p.get("sources").get(0).get("evaluation").get("loss").asDouble();
        double mergedLoss = p.get("evaluation").get("merged").get("loss").asDouble();
        double naive = p.get("evaluation").get("naive").get("loss").asDouble();
        assertEquals(member, mergedLoss, 1e-12);
        assertTrue(naive != mergedLoss, "the unaligned average is another network");

        byte[] weights = Files.readAllBytes(out);
        byte[] record = Files.readAllBytes(dir.resolve("merged.json"));
        assertEquals(0, CliTest.run(merge(dir, files, "--out", out.toString())).code());
        assertArrayEquals(weights, Files.readAllBytes(out), "same inputs, same bytes");
        assertArrayEquals(record, Files.readAllBytes(dir.resolve("merged.json")));
    }

    @Test
    void weightsAndTheAlignmentChangeTheAverageAsAsked(@TempDir Path dir) throws Exception {
        List<Path> files = permutedCopies(dir);
        Path out = dir.resolve("wm.safetensors");
        CliTest.Outcome o =
                CliTest.run(
                        merge(
                                dir,
                                files,
                                "--alignment",
                                "weight-matching",
                                "--weights",
                                "1,1,2",
                                "--out",
                                out.toString(),
                                "--provenance",
                                dir.resolve("wm-record.json").toString()));
        assertEquals(0, o.code(), o.err());
        assertEquals(Safetensors.read(files.get(0)).tensors(), Safetensors.read(out).tensors());
        JsonNode p = Json.MAPPER.readTree(dir.resolve("wm-record.json").toFile());
        assertEquals(0.5, p.get("sources").get(2).get("weight").asDouble());
        assertEquals(0, p.get("sources").get(0).get("sweeps").asInt());

        Path naive = dir.resolve("none.safetensors");
        assertEquals(
                0,
                CliTest.run(merge(dir, files, "--alignment", "none", "--out", naive.toString()))
                        .code());
        float[] expected = new float[40 * 784];
        for (int m = 0; m < 3; m++) {
            float[] w = Safetensors.read(files.get(m)).tensors().get("layers.0.weight").toFloats();
            for (int i = 0; i < w.length; i++) expected[i] += w[i] / 3.0f;
        }
        float[] got = Safetensors.read(naive).tensors().get("layers.0.weight").toFloats();
        for (int i = 0; i < got.length; i++) assertEquals(expected[i], got[i], 1e-6, "at " + i);
    }

    @Test
    void aResNetMergeHasItsBatchNormStatisticsReset(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("model.yaml"), "architecture: resnet\ndepth: 8\n");
        Files.writeString(
                dir.resolve("data.yaml"),
                "name: fashion-mnist\ntrainExamples: 3000\nevalExamples: 200\n");
        ModelSpec spec = new ModelSpec("resnet", null, null, 8, null, null, null, null, null, null);
        Model resnet = Models.create(spec, 784, 10);
        List<Path> files = new ArrayList<>();
        for (int m = 0; m < 2; m++) {
            Path f = dir.resolve("r" + m + ".safetensors");
            Safetensors.write(f, Checkpoint.of(Buffers.stateDict(resnet, resnet.initialise(m))));
            files.add(f);
        }
        Path out = dir.resolve("merged.safetensors");
        CliTest.Outcome o =
                CliTest.run(
                        merge(
                                dir,
                                files,
                                "--alignment",
                                "weight-matching",
                                "--out",
                                out.toString()));
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("repair reset"), o.out());
        Checkpoint merged = Safetensors.read(out);
        assertEquals(Safetensors.read(files.get(0)).tensors().keySet(), merged.tensors().keySet());
        String counter = resnet.integerBuffers().iterator().next();
        assertEquals(DType.I64, merged.tensors().get(counter).dtype());
        assertEquals(20.0f, merged.tensors().get(counter).toFloats()[0], "20 batches averaged");
        String var =
                resnet.buffers().stream().filter(n -> n.endsWith("running_var")).findFirst().get();
        float[] v = merged.tensors().get(var).toFloats();
        assertFalse(allEqual(v, 1.0f), "fresh networks have running_var 1; a reset measures it");
    }

    @Test
    void badInputGetsOneSentenceNamingTheFileTensorOrFlag(@TempDir Path dir) throws Exception {
        List<Path> files = permutedCopies(dir);
        Path wider = dir.resolve("wider.safetensors");
        Safetensors.write(wider, Checkpoint.of(new Mlp(784, List.of(40, 32), 10).initialise(2)));
        Path pickle = dir.resolve("model.pt");
        Files.write(pickle, new byte[] {(byte) 0x80, 2});
        Path out = dir.resolve("x.safetensors");
        String a = files.get(0).toString();
        String b = files.get(1).toString();
        Object[][] cases = {
            {
                new String[] {a, wider.toString(), "--out", out.toString()},
                "wider.safetensors: layers.1.bias: expected shape [24], got [32]; layers.1.weight"
            },
            {
                new String[] {
                    a, dir.resolve("nope.safetensors").toString(), "--out", out.toString()
                },
                "nope.safetensors: no such file"
            },
            {
                new String[] {a, b, "--weights", "1,2,3", "--out", out.toString()},
                "--weights: expected 2 weights, one per checkpoint, got 3"
            },
            {
                new String[] {a, b, "--weights", "1,-1", "--out", out.toString()},
                "--weights: weight 2 is -1.0; expected a finite number >= 0"
            },
            {
                new String[] {a, b, "--weights", "0,0", "--out", out.toString()},
                "--weights: the weights sum to 0"
            },
            {
                new String[] {a, b, "--alignment", "activation-matching", "--out", out.toString()},
                "--alignment: activation-matching is not one of none, weight-matching, merge-many"
            },
            {
                new String[] {a, b, "--repair", "reset", "--out", out.toString()},
                "repair reset recomputes BatchNorm statistics, but mlp 784-40-24-10 has none"
            },
            {
                new String[] {a, pickle.toString(), "--out", out.toString()},
                "model.pt: isthmus reads safetensors only"
            },
            {
                new String[] {a, b, "--out", dir.resolve("x.pt").toString()},
                "--out: " + dir.resolve("x.pt") + ": the merge is written as safetensors"
            },
            {new String[] {a, b, "--out", a}, "is one of the checkpoints to merge"},
            {new String[] {a, "--out", out.toString()}, "CHECKPOINT"},
        };
        for (Object[] c : cases) {
            String[] rest = (String[]) c[0];
            List<String> args =
                    new ArrayList<>(
                            List.of(
                                    "merge",
                                    "--model",
                                    dir.resolve("model.yaml").toString(),
                                    "--dataset",
                                    dir.resolve("data.yaml").toString()));
            args.addAll(Arrays.asList(rest));
            CliTest.Outcome o = CliTest.run(args.toArray(String[]::new));
            assertEquals(2, o.code(), Arrays.toString(rest) + ": " + o.err());
            assertTrue(o.err().startsWith("isthmus: "), o.err());
            assertTrue(o.err().contains((String) c[1]), c[1] + " in " + o.err());
            assertEquals(1, o.err().strip().lines().count(), "one line: " + o.err());
            assertTrue(Files.notExists(out), "nothing written for " + Arrays.toString(rest));
        }
    }

    private static boolean allEqual(float[] v, float x) {
        for (float f : v) if (f != x) return false;
        return true;
    }

    private static String sha256(Path f) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
    }
}
