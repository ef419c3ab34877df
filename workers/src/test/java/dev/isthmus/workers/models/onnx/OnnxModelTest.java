package dev.isthmus.workers.models.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.isthmus.api.validation.BadInputException;
import dev.isthmus.workers.engine.Compute;
import dev.isthmus.workers.io.Checkpoint;
import dev.isthmus.workers.io.CheckpointException;
import dev.isthmus.workers.io.CheckpointLoader;
import dev.isthmus.workers.io.HostTensor;
import dev.isthmus.workers.io.Safetensors;
import dev.isthmus.workers.models.Mlp;
import dev.isthmus.workers.models.Params;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ONNX forward against two oracles on the fixtures of {@code make_onnx.py}: PyTorch's logits
 * (committed) and ONNX Runtime's, run here on the same graph and input.
 */
class OnnxModelTest {
    private static final Path DIR = Path.of("src/test/resources/onnx");

    private static OnnxModel model(String name) {
        return OnnxModel.load(DIR.resolve(name + ".onnx"), name + ".onnx");
    }

    /** Max |ours − PyTorch| and max |ours − ONNX Runtime| over the fixture's reference input. */
    private static double[] differences(String name, Map<String, HostTensor> params)
            throws Exception {
        OnnxModel model = model(name);
        Checkpoint ref = Safetensors.read(DIR.resolve(name + "-reference.safetensors"));
        HostTensor x = ref.tensors().get("x");
        float[] torch = ref.tensors().get("logits").toFloats();
        float[] ours;
        try (NDManager m = Compute.manager(Device.cpu(), 1)) {
            Params p = Params.upload(m, params);
            NDArray in = m.create(x.toFloats(), new Shape(x.shape()));
            ours = model.forward(p, in).toFloatArray();
        }
        float[] ort = onnxRuntime(name, x, model.graph().inputs().get(0).shape());
        assertEquals(torch.length, ours.length);
        double dTorch = 0;
        double dOrt = 0;
        for (int i = 0; i < ours.length; i++) {
            dTorch = Math.max(dTorch, Math.abs(ours[i] - torch[i]));
            dOrt = Math.max(dOrt, Math.abs(ours[i] - ort[i]));
        }
        System.out.printf(
                "%s: max |ours - torch| %.3g, max |ours - onnxruntime| %.3g%n", name, dTorch, dOrt);
        return new double[] {dTorch, dOrt};
    }

    private static float[] onnxRuntime(String name, HostTensor x, long[] inputShape)
            throws Exception {
        long[] shape = inputShape.clone();
        shape[0] = x.shape()[0];
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession s = env.createSession(DIR.resolve(name + ".onnx").toString());
                OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(x.toFloats()), shape);
                OrtSession.Result r = s.run(Map.of("x", t))) {
            float[][] out = (float[][]) r.get(0).getValue();
            float[] flat = new float[out.length * out[0].length];
            for (int i = 0; i < out.length; i++) {
                System.arraycopy(out[i], 0, flat, i * out[0].length, out[0].length);
            }
            return flat;
        }
    }

    @Test
    void mlpMatchesPyTorchAndOnnxRuntime() throws Exception {
        OnnxModel model = model("mlp");
        double[] d = differences("mlp", model.initializers());
        assertTrue(d[0] < 1e-5, "against PyTorch: " + d[0]);
        assertTrue(d[1] < 1e-5, "against ONNX Runtime: " + d[1]);
        assertEquals( // inferred from the graph: the built-in mlp's groups, under the graph's names
                OnnxSymmetryTest.partition(new Mlp(784, List.of(48, 32), 10).permutationSpec()),
                OnnxSymmetryTest.partition(model.permutationSpec()));
    }

    @Test
    void cnnWithBatchNormMatchesPyTorchAndOnnxRuntime() throws Exception {
        OnnxModel model = model("cnn");
        // The PyTorch state_dict (with num_batches_tracked) loads against the graph's names.
        Checkpoint c =
                new CheckpointLoader(model.parameterShapes(), model.integerBuffers())
                        .load(DIR.resolve("cnn.safetensors"));
        assertTrue(model.buffers().contains("bn1.running_var"));
        assertTrue(model.integerBuffers().contains("bn2.num_batches_tracked"));
        double[] d = differences("cnn", c.tensors());
        assertTrue(d[0] < 1e-5, "against PyTorch: " + d[0]);
        assertTrue(d[1] < 1e-5, "against ONNX Runtime: " + d[1]);
    }

    @Test
    void gradientsFlowToEveryParameterAndActivationsAreReachable() {
        OnnxModel model = model("mlp");
        try (NDManager m = Compute.manager(Device.cpu(), 1)) {
            Params p = Params.upload(m, model.initializers());
            p.arrays().values().forEach(a -> a.setRequiresGradient(true));
            NDArray x = m.randomUniform(0, 1, new Shape(4, 784));
            try (GradientCollector g = m.getEngine().newGradientCollector()) {
                g.backward(model.forward(p, x).square().sum());
            }
            for (var e : p.arrays().entrySet()) {
                assertTrue(e.getValue().getGradient().abs().sum().getFloat() > 0, e.getKey());
            }
            var acts = model.activations(p, x);
            assertEquals(List.of("P_layers.0", "P_layers.1"), List.copyOf(acts.keySet()));
            assertEquals(new Shape(4, 48), acts.get("P_layers.0").getShape());
            assertTrue(acts.get("P_layers.0").min().getFloat() >= 0, "after the Relu");
        }
    }

    @Test
    void unsupportedOperatorIsRefusedNamingTheNode() {
        BadInputException e = assertThrows(BadInputException.class, () -> model("unsupported"));
        assertTrue(e.getMessage().startsWith("unsupported.onnx: node \""), e.getMessage());
        assertTrue(
                e.getMessage().contains("(HardSwish) uses HardSwish, which Isthmus does not run"),
                e.getMessage());
    }

    @Test
    void notOnnxAndExternalDataAreRefused(@TempDir Path dir) throws Exception {
        Path text = dir.resolve("model.onnx");
        Files.writeString(text, "this is not protobuf\n");
        BadInputException e =
                assertThrows(BadInputException.class, () -> OnnxReader.read(text, "model.onnx"));
        assertEquals(
                "model.onnx: is not an ONNX file (expected a protobuf ModelProto with a graph)",
                e.getMessage());
        // ModelProto{ir_version 8, opset_import{version 9}, graph{initializer{name "w",
        // data_type 1, data_location EXTERNAL}}}, written field by field.
        byte[] tensor = {0x42, 1, 'w', 0x10, 1, 0x70, 1};
        byte[] graph = concat(new byte[] {0x2a, (byte) tensor.length}, tensor);
        byte[] old =
                concat(new byte[] {0x08, 8, 0x42, 2, 0x10, 9, 0x3a, (byte) graph.length}, graph);
        e = assertThrows(BadInputException.class, () -> OnnxReader.decode(old, "old.onnx"));
        assertTrue(
                e.getMessage()
                        .startsWith("old.onnx: uses ONNX operator set 9, which is not supported"),
                e.getMessage());
        byte[] current = old.clone();
        current[5] = 17;
        e = assertThrows(BadInputException.class, () -> OnnxReader.decode(current, "ext.onnx"));
        assertEquals(
                "ext.onnx: tensor w keeps its data in an external file, which is not supported"
                        + " (re-export the model as one file, under 2 GB)",
                e.getMessage());
    }

    @Test
    void checkpointThatDoesNotFitTheGraphIsRefusedNamingTensorAndShapes(@TempDir Path dir) {
        OnnxModel model = model("mlp");
        Map<String, HostTensor> t = new TreeMap<>(model.initializers());
        t.put("layers.1.weight", HostTensor.ofFloats(new long[] {32, 40}, new float[32 * 40]));
        Path file = dir.resolve("bad.safetensors");
        Safetensors.write(file, new Checkpoint(new TreeMap<>(), new TreeMap<>(t)));
        CheckpointException e =
                assertThrows(
                        CheckpointException.class,
                        () -> new CheckpointLoader(model.parameterShapes(), Set.of()).load(file));
        assertTrue(
                e.getMessage().contains("layers.1.weight: expected shape [32, 48], got [32, 40]"),
                e.getMessage());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
