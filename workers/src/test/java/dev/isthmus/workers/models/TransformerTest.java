package dev.isthmus.workers.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.isthmus.api.spec.ModelSpec;
import dev.isthmus.workers.engine.Compute;
import dev.isthmus.workers.io.Checkpoint;
import dev.isthmus.workers.io.CheckpointException;
import dev.isthmus.workers.io.HostTensor;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TransformerTest {
    private static final ModelSpec EXAMPLE =
            new ModelSpec("transformer", null, "layernorm", null, null, 1, 4, 128, 512, null);

    @Test
    void theExampleHasPyTorchStateDictNamesAndShapes() {
        Model t = Models.create(EXAMPLE, 2 * 97, 97);
        SortedMap<String, long[]> s = t.parameterShapes();
        assertEquals(22, s.size());
        assertArrayEquals(new long[] {98, 128}, s.get("embed.weight"));
        assertArrayEquals(new long[] {3, 128}, s.get("pos_embed.weight"));
        assertArrayEquals(new long[] {128, 128}, s.get("blocks.0.attn.q.weight"));
        assertArrayEquals(new long[] {128}, s.get("blocks.0.attn.o.bias"));
        assertArrayEquals(new long[] {512, 128}, s.get("blocks.0.mlp.fc1.weight"));
        assertArrayEquals(new long[] {128, 512}, s.get("blocks.0.mlp.fc2.weight"));
        assertArrayEquals(new long[] {128}, s.get("blocks.0.ln2.bias"));
        assertArrayEquals(new long[] {128}, s.get("ln_f.weight"));
        assertArrayEquals(new long[] {97, 128}, s.get("unembed.weight"));
        long total = 0;
        for (long[] shape : s.values()) total += new Shape(shape).size();
        assertEquals(223_969, total);
    }

    @Test
    void initialisationFollowsPyTorchDefaults() {
        Transformer t = new Transformer(97, 1, 128, 4, 512);
        SortedMap<String, HostTensor> p = t.initialise(3);
        assertEquals(p, t.initialise(3));
        for (float v : p.get("blocks.0.ln1.weight").toFloats()) assertEquals(1f, v);
        for (float v : p.get("ln_f.bias").toFloats()) assertEquals(0f, v);
        double sq = 0;
        float[] e = p.get("embed.weight").toFloats();
        for (float v : e) sq += v * v;
        assertEquals(1.0, sq / e.length, 0.05); // nn.Embedding: N(0, 1)
        float bound = (float) (1 / Math.sqrt(512));
        float max = 0;
        for (float v : p.get("blocks.0.mlp.fc2.weight").toFloats())
            max = Math.max(max, Math.abs(v));
        assertTrue(max <= bound && max > 0.95 * bound, "fc2 bound " + max); // fan_in = d_mlp
    }

    @Test
    void logitsMatchAPlainFloat64ImplementationOfTheModuleOnEveryPair() {
        Transformer t = TransformerFixtures.small();
        SortedMap<String, HostTensor> p = TransformerFixtures.params(t, 8);
        float[] logits = TransformerFixtures.logits(t, p, 11); // (121, 11)
        TransformerReference ref = new TransformerReference(t, p);
        float[] expected = new float[logits.length];
        for (int a = 0; a < 11; a++) {
            for (int b = 0; b < 11; b++) {
                double[] z = ref.logits(a, b);
                for (int c = 0; c < 11; c++) expected[(a * 11 + b) * 11 + c] = (float) z[c];
            }
        }
        double err = TransformerFixtures.relativeError(expected, logits);
        assertTrue(err < 1e-5, "relative error " + err);
    }

    @Test
    void activationsAreTheMlpUnitsAtTheLastPosition() {
        Transformer t = TransformerFixtures.small();
        try (NDManager m = Compute.manager(Device.cpu(), 1)) {
            var x = m.create(TransformerFixtures.allPairs(11), new Shape(121, 22));
            var acts = t.activations(Params.upload(m, TransformerFixtures.params(t, 1)), x);
            assertEquals(
                    java.util.List.of("P_0_mlp", "P_1_mlp"), java.util.List.copyOf(acts.keySet()));
            assertEquals(new Shape(121, 24), acts.get("P_1_mlp").getShape());
        }
    }

    @Test
    void otherInputsAreRefusedWithTheExpectedShape() {
        var e = assertThrows(IllegalArgumentException.class, () -> Models.create(EXAMPLE, 784, 10));
        assertEquals(
                "spec.model.architecture: transformer reads the pair (a, b) of the"
                        + " modular-addition dataset (2p one-hot inputs for p classes), got a"
                        + " dataset with 784 inputs and 10 classes",
                e.getMessage());
        Transformer t = TransformerFixtures.small();
        try (NDManager m = Compute.manager(Device.cpu(), 1)) {
            var x = m.zeros(new Shape(4, 20));
            var err =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> t.forward(Params.upload(m, t.initialise(0)), x));
            assertEquals(
                    "transformer mod 11: expected inputs of shape [n, 22] (one-hot(a) ++"
                            + " one-hot(b)), got (4, 20)",
                    err.getMessage());
        }
    }

    @Test
    void aCheckpointGivesTheModulus() {
        Transformer t = new Transformer(13, 1, 128, 4, 512);
        Model sized = Models.sizedBy(EXAMPLE, new Checkpoint(Map.of(), t.initialise(0)), "a");
        assertEquals(t.describe(), sized.describe());
        SortedMap<String, HostTensor> wrong = new TreeMap<>(t.initialise(0));
        wrong.remove("unembed.weight");
        var e =
                assertThrows(
                        CheckpointException.class,
                        () -> Models.sizedBy(EXAMPLE, new Checkpoint(Map.of(), wrong), "b.st"));
        assertEquals(
                "b.st: unembed.weight: expected the unembedding (p, 128) of a transformer with"
                        + " dModel 128, got no such tensor",
                e.getMessage());
    }
}
