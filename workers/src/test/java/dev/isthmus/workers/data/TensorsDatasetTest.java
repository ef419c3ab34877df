package dev.isthmus.workers.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.isthmus.api.spec.DatasetSpec;
import dev.isthmus.workers.io.Checkpoint;
import dev.isthmus.workers.io.DType;
import dev.isthmus.workers.io.HostTensor;
import dev.isthmus.workers.io.Safetensors;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The user's own examples from safetensors files: shapes, dtypes, classes, and bad files. */
class TensorsDatasetTest {
    @TempDir Path dir;

    private static HostTensor ints(DType dtype, long[] shape, long... values) {
        ByteBuffer b =
                ByteBuffer.allocate(values.length * dtype.byteSize())
                        .order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            switch (dtype) {
                case I64 -> b.putLong(v);
                case I32 -> b.putInt((int) v);
                case U8 -> b.put((byte) v);
                default -> throw new IllegalArgumentException(dtype.name());
            }
        }
        return new HostTensor(dtype, shape, b.array());
    }

    private Path file(String name, Map<String, HostTensor> tensors) {
        Path f = dir.resolve(name);
        Safetensors.write(f, Checkpoint.of(tensors));
        return f;
    }

    private static Map<String, HostTensor> of(HostTensor inputs, HostTensor labels) {
        Map<String, HostTensor> m = new LinkedHashMap<>();
        if (inputs != null) m.put("inputs", inputs);
        if (labels != null) m.put("labels", labels);
        return m;
    }

    private static DatasetSpec spec(String train, String eval, String evalSplit, Integer evalN) {
        return new DatasetSpec(
                "tensors", null, null, evalN, evalSplit, null, null, null, null, train, eval);
    }

    private Dataset load(String train, String eval) {
        return Datasets.load(spec(train, eval, null, null), null, dir);
    }

    @Test
    void imagesAreFlattenedRowMajorAndTheClassesCountFromBothSplits() {
        // 3 examples of 1×2×2 "images": feature k of example i is 10 i + k
        float[] x = new float[12];
        for (int i = 0; i < 12; i++) x[i] = 10 * (i / 4) + i % 4;
        file(
                "train.safetensors",
                of(
                        HostTensor.ofFloats(new long[] {3, 1, 2, 2}, x),
                        ints(DType.I64, new long[] {3}, 0, 1, 0)));
        file(
                "test.safetensors",
                of(
                        ints(DType.U8, new long[] {2, 4}, 1, 2, 3, 4, 255, 0, 7, 8),
                        ints(DType.I32, new long[] {2}, 4, 1)));

        Dataset d = load("train.safetensors", "file://test.safetensors");

        assertEquals(4, d.features());
        assertEquals(5, d.classes(), "labels go up to 4, in the evaluation split");
        assertArrayEquals(x, d.train().x());
        assertArrayEquals(new int[] {0, 1, 0}, d.train().y());
        assertArrayEquals(new float[] {1, 2, 3, 4, 255, 0, 7, 8}, d.eval().x());
        assertArrayEquals(new int[] {4, 1}, d.eval().y());
    }

    @Test
    void withoutAnEvaluationFileTheTrainingSplitIsEvaluated() {
        file(
                "train.safetensors",
                of(
                        HostTensor.ofFloats(new long[] {4, 1}, new float[] {0, 1, 2, 3}),
                        ints(DType.I64, new long[] {4}, 0, 1, 1, 0)));
        Dataset d = Datasets.load(spec("train.safetensors", null, "train", 2), null, dir);
        assertEquals(2, d.eval().size());
        assertEquals(4, d.train().size());
    }

    @Test
    void badFilesAreRefusedNamingTheFieldTheTensorAndWhatWasExpected() throws Exception {
        HostTensor x = HostTensor.ofFloats(new long[] {2, 2}, new float[] {0, 1, 2, 3});
        file("nolabels.safetensors", of(x, null));
        file("short.safetensors", of(x, ints(DType.I64, new long[] {3}, 0, 1, 1)));
        file("negative.safetensors", of(x, ints(DType.I64, new long[] {2}, 0, -1)));
        file("floats.safetensors", of(x, HostTensor.ofFloats(new long[] {2}, new float[] {0, 1})));
        file(
                "flat.safetensors",
                of(
                        HostTensor.ofFloats(new long[] {4}, new float[] {0, 1, 2, 3}),
                        ints(DType.I64, new long[] {4}, 0, 1, 0, 1)));
        file(
                "nan.safetensors",
                of(
                        HostTensor.ofFloats(new long[] {2, 1}, new float[] {0, Float.NaN}),
                        ints(DType.I64, new long[] {2}, 0, 1)));
        file("one.safetensors", of(x, ints(DType.I64, new long[] {2}, 0, 0)));
        file(
                "wide.safetensors",
                of(
                        HostTensor.ofFloats(new long[] {1, 3}, new float[] {0, 1, 2}),
                        ints(DType.I64, new long[] {1}, 1)));
        file("good.safetensors", of(x, ints(DType.I64, new long[] {2}, 0, 1)));
        Files.writeString(dir.resolve("text.safetensors"), "not a safetensors file");

        Map<String, String> expected = new LinkedHashMap<>();
        expected.put(
                "nolabels",
                "spec.dataset.trainFile nolabels.safetensors: no tensor labels"
                        + " (a tensors dataset file holds inputs and labels; this one holds inputs)");
        expected.put(
                "short",
                "spec.dataset.trainFile short.safetensors: tensor labels: expected"
                        + " shape [2] (one label per example of inputs), got [3]");
        expected.put(
                "negative",
                "spec.dataset.trainFile negative.safetensors: tensor labels:"
                        + " label 1 is -1; expected a class index in 0..1048575");
        expected.put(
                "floats",
                "spec.dataset.trainFile floats.safetensors: tensor labels: expected"
                        + " integer class indices (I64, I32, I16, I8 or U8), got F32");
        expected.put(
                "flat",
                "spec.dataset.trainFile flat.safetensors: tensor inputs: expected"
                        + " shape [N, ...] with N >= 1 examples and at least one feature axis, got [4]");
        expected.put(
                "nan",
                "spec.dataset.trainFile nan.safetensors: tensor inputs: element 1"
                        + " (example 1) is NaN; expected finite values");
        for (var e : expected.entrySet()) {
            DatasetException ex =
                    assertThrows(
                            DatasetException.class,
                            () -> load(e.getKey() + ".safetensors", "good.safetensors"));
            assertEquals(e.getValue(), ex.getMessage(), e.getKey());
        }
        DatasetException one =
                assertThrows(
                        DatasetException.class,
                        () -> load("one.safetensors", "file://one.safetensors"));
        assertEquals(
                "spec.dataset.trainFile one.safetensors: tensor labels: expected at least 2"
                        + " classes, got only label 0",
                one.getMessage());
        DatasetException wide =
                assertThrows(
                        DatasetException.class, () -> load("good.safetensors", "wide.safetensors"));
        assertEquals(
                "spec.dataset.evalFile wide.safetensors: expected 2 input features per"
                        + " example, as in spec.dataset.trainFile good.safetensors, got 3",
                wide.getMessage());
        DatasetException text =
                assertThrows(
                        DatasetException.class, () -> load("text.safetensors", "good.safetensors"));
        assertEquals(
                true,
                text.getMessage()
                        .startsWith(
                                "spec.dataset.trainFile text.safetensors: "
                                        + dir.resolve("text.safetensors")),
                text.getMessage());
    }
}
