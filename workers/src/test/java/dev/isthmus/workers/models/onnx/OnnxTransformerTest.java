package dev.isthmus.workers.models.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.isthmus.workers.engine.Compute;
import dev.isthmus.workers.io.Checkpoint;
import dev.isthmus.workers.io.CheckpointLoader;
import dev.isthmus.workers.io.HostTensor;
import dev.isthmus.workers.io.Safetensors;
import dev.isthmus.workers.models.Params;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The transformer fixtures of {@code make_onnx.py} (a small ViT on 28x28x1 images and a two-layer
 * GPT-2-style decoder on token ids) and its {@code ops} fixture (the elementwise and reduction
 * operators the others do not use), run from their PyTorch state_dicts, against PyTorch's logits
 * and ONNX Runtime's.
 */
class OnnxTransformerTest {
    private static final Path DIR = Path.of("src/test/resources/onnx");

    private static OnnxModel model(String name) {
        return OnnxModel.load(DIR.resolve(name + ".onnx"), name + ".onnx");
    }

    /** The fixture's PyTorch state_dict, loaded against the graph's parameter names and shapes. */
    private static Map<String, HostTensor> stateDict(OnnxModel model, String name) {
        Checkpoint c =
                new CheckpointLoader(model.parameterShapes(), model.integerBuffers())
                        .load(DIR.resolve(name + ".safetensors"));
        assertEquals(model.parameterShapes().keySet(), c.tensors().keySet());
        return c.tensors();
    }

    /** Max |ours − PyTorch| and max |ours − ONNX Runtime| over the fixture's reference input. */
    private static double[] differences(String name, boolean tokens) throws Exception {
        OnnxModel model = model(name);
        Checkpoint ref = Safetensors.read(DIR.resolve(name + "-reference.safetensors"));
        HostTensor x = ref.tensors().get("x");
        float[] torch = ref.tensors().get("logits").toFloats();
        float[] ours;
        try (NDManager m = Compute.manager(Device.cpu(), 1)) {
            Params p = Params.upload(m, stateDict(model, name));
            NDArray in = m.create(x.toFloats(), new Shape(x.shape()));
            ours = model.forward(p, in).toFloatArray();
        }
        float[] ort = onnxRuntime(name, x, model.graph().inputs().get(0).shape(), tokens);
        assertEquals(torch.length, ours.length);
        assertEquals(ort.length, ours.length);
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

    private static float[] onnxRuntime(String name, HostTensor x, long[] inputShape, boolean tokens)
            throws Exception {
        long[] shape = inputShape.clone();
        long[] given = x.shape();
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] == -1) shape[i] = given[i];
        }
        float[] values = x.toFloats();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OnnxTensor t;
        if (tokens) {
            long[] ids = new long[values.length];
            for (int i = 0; i < ids.length; i++) ids[i] = (long) values[i];
            t = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape);
        } else {
            t = OnnxTensor.createTensor(env, FloatBuffer.wrap(values), shape);
        }
        try (OrtSession s = env.createSession(DIR.resolve(name + ".onnx").toString());
                t;
                OrtSession.Result r = s.run(Map.of("x", t))) {
            FloatBuffer out = ((OnnxTensor) r.get(0)).getFloatBuffer();
            float[] flat = new float[out.remaining()];
            out.get(flat);
            return flat;
        }
    }

    @Test
    void vitMatchesPyTorchAndOnnxRuntime() throws Exception {
        double[] d = differences("vit", false);
        assertTrue(d[0] < 1e-4, "against PyTorch: " + d[0]);
        assertTrue(d[1] < 1e-4, "against ONNX Runtime: " + d[1]);
    }

    @Test
    void gptMatchesPyTorchAndOnnxRuntime() throws Exception {
        assertEquals(OnnxGraph.Tensor.INT64, model("gpt").graph().inputs().get(0).elemType());
        double[] d = differences("gpt", true);
        assertTrue(d[0] < 1e-4, "against PyTorch: " + d[0]);
        assertTrue(d[1] < 1e-4, "against ONNX Runtime: " + d[1]);
    }

    @Test
    void reductionAndElementwiseOpsMatchPyTorchAndOnnxRuntime() throws Exception {
        double[] d = differences("ops", false);
        assertTrue(d[0] < 1e-6, "against PyTorch: " + d[0]);
        assertTrue(d[1] < 1e-6, "against ONNX Runtime: " + d[1]);
    }

    @Test
    void gptIsCausal() {
        OnnxModel model = model("gpt");
        try (NDManager m = Compute.manager(Device.cpu(), 1)) {
            Params p = Params.upload(m, stateDict(model, "gpt"));
            float[] a = {1, 2, 3, 4, 5, 6};
            float[] b = {1, 2, 3, 4, 5, 49};
            NDArray ya = model.forward(p, m.create(a, new Shape(1, 6)));
            NDArray yb = model.forward(p, m.create(b, new Shape(1, 6)));
            assertEquals(new Shape(1, 6, 50), ya.getShape());
            float early = ya.get(":, :5").sub(yb.get(":, :5")).abs().max().getFloat();
            float last = ya.get(":, 5").sub(yb.get(":, 5")).abs().max().getFloat();
            assertEquals(0f, early, "a later token changed earlier positions' logits");
            assertTrue(last > 1e-3, "the last position must see its own token: " + last);
        }
    }

    @Test
    void lossThroughTheVitReachesEveryInitializer() {
        OnnxModel model = model("vit");
        try (NDManager m = Compute.manager(Device.cpu(), 1)) {
            Params p = Params.upload(m, stateDict(model, "vit"));
            p.arrays().values().forEach(a -> a.setRequiresGradient(true));
            NDArray x = m.randomUniform(0, 1, new Shape(3, 784));
            try (GradientCollector g = m.getEngine().newGradientCollector()) {
                g.backward(model.forward(p, x).logSoftmax(1).get(":, 0").neg().sum());
            }
            assertEquals(32, p.arrays().size());
            for (var e : p.arrays().entrySet()) {
                NDArray grad = e.getValue().getGradient();
                assertNotNull(grad, e.getKey());
                float[] v = grad.toFloatArray();
                double sum = 0;
                for (float f : v) {
                    assertTrue(Float.isFinite(f), e.getKey() + " has a non-finite gradient");
                    sum += Math.abs(f);
                }
                assertTrue(sum > 0, e.getKey() + " got a zero gradient");
            }
        }
    }
}
