package dev.isthmus.workers.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import dev.isthmus.api.spec.DatasetSpec;
import dev.isthmus.api.spec.TrainSpec;
import dev.isthmus.workers.data.Dataset;
import dev.isthmus.workers.data.Datasets;
import dev.isthmus.workers.engine.Compute;
import dev.isthmus.workers.engine.DeviceBatches;
import dev.isthmus.workers.io.Checkpoint;
import dev.isthmus.workers.io.CheckpointException;
import dev.isthmus.workers.io.DType;
import dev.isthmus.workers.io.HostTensor;
import dev.isthmus.workers.io.Safetensors;
import dev.isthmus.workers.io.ShapeCheck;
import dev.isthmus.workers.progress.Progress;
import dev.isthmus.workers.train.Trainer;
import java.nio.file.Path;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training a BatchNorm ResNet updates its running statistics and int64 counters but never trains
 * them, and its checkpoint round-trips through safetensors with every buffer, as PyTorch wrote it.
 */
class ResNetCheckpointTest {
    private static final TrainSpec RECIPE = new TrainSpec(null, 1, "adam", 1e-3, 64, null, 0.0);

    @Test
    void trainedBatchNormCheckpointRoundTripsWithItsBuffers(@TempDir Path dir) {
        Dataset data =
                Datasets.load(
                        new DatasetSpec(
                                "fashion-mnist", null, 256, 200, null, null, null, null, null),
                        null);
        ResNet model = new ResNet(1, 10, 8, 1, "batchnorm");
        SortedMap<String, HostTensor> init = model.initialise(0);
        Trainer.Result r;
        try (NDManager m = Compute.manager(Device.cpu(), 1)) {
            r = Trainer.train(m, model, data, RECIPE, 0, Progress.NONE);
        }
        SortedMap<String, HostTensor> trained = r.params();
        HostTensor count = trained.get("layer2.0.shortcut.1.num_batches_tracked");
        assertEquals(DType.I64, count.dtype());
        assertArrayEquals(new float[] {4}, count.toFloats()); // 256 examples, batches of 64
        assertNotEquals(init.get("bn1.running_mean"), trained.get("bn1.running_mean"));
        assertNotEquals(init.get("bn1.running_var"), trained.get("bn1.running_var"));
        assertNotEquals(init.get("layer1.0.conv1.weight"), trained.get("layer1.0.conv1.weight"));
        assertTrue(Float.isFinite((float) r.history().get(0).evalLoss()));

        Path file = dir.resolve("resnet8.safetensors");
        Safetensors.write(file, new Checkpoint(Map.of("format", "pt"), trained));
        Checkpoint read = Safetensors.read(file);
        assertEquals(trained, read.tensors());
        ShapeCheck.requireShapes(
                file.toString(), read, model.parameterShapes(), model.integerBuffers());
        try (NDManager m = Compute.manager(Device.cpu(), 1);
                DeviceBatches eval = new DeviceBatches(m, data.eval(), 100)) {
            var loaded =
                    dev.isthmus.workers.metrics.Evaluator.evaluate(
                            model, Params.upload(m, read.tensors()), eval);
            assertEquals(r.history().get(0).evalLoss(), loaded.loss(), 1e-6);
        }
    }

    @Test
    void aCheckpointThatDoesNotFitNamesTheTensorAndTheExpectedShape() {
        ResNet bn = new ResNet(1, 10, 8, 1, "batchnorm");
        SortedMap<String, HostTensor> tensors = new TreeMap<>(bn.initialise(0));
        tensors.put(
                "layer2.0.conv1.weight",
                HostTensor.ofFloats(new long[] {32, 32, 3, 3}, new float[9216]));
        tensors.remove("layer3.0.bn2.running_var");
        tensors.put(
                "bn1.num_batches_tracked", new HostTensor(DType.BOOL, new long[0], new byte[1]));
        var e =
                assertThrows(
                        CheckpointException.class,
                        () ->
                                ShapeCheck.requireShapes(
                                        "a.safetensors",
                                        Checkpoint.of(tensors),
                                        bn.parameterShapes(),
                                        bn.integerBuffers()));
        assertEquals(
                "a.safetensors: bn1.num_batches_tracked: expected I64 or a float dtype (F32, F64,"
                        + " F16, BF16), got BOOL; layer2.0.conv1.weight: expected shape [32, 16, 3,"
                        + " 3], got [32, 32, 3, 3]; missing tensor layer3.0.bn2.running_var"
                        + " (expected shape [64])",
                e.getMessage());

        ResNet none = new ResNet(1, 10, 8, 1, "none");
        var e2 =
                assertThrows(
                        CheckpointException.class,
                        () ->
                                ShapeCheck.requireShapes(
                                        "a.safetensors",
                                        Checkpoint.of(bn.initialise(0)),
                                        none.parameterShapes(),
                                        none.integerBuffers()));
        assertTrue(
                e2.getMessage().contains("missing tensor conv1.bias (expected shape [16])")
                        && e2.getMessage()
                                .contains(
                                        "unexpected tensor bn1.running_mean with shape" + " [16]"),
                e2.getMessage());
    }
}
