package dev.isthmus.workers.data;

import dev.isthmus.api.spec.DatasetSpec;
import dev.isthmus.workers.io.Checkpoint;
import dev.isthmus.workers.io.CheckpointException;
import dev.isthmus.workers.io.DType;
import dev.isthmus.workers.io.HostTensor;
import dev.isthmus.workers.io.Safetensors;
import dev.isthmus.workers.store.Inputs;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * The user's own examples: each split a safetensors file holding {@code inputs} (N examples of any
 * shape after the first axis, float or integer, flattened row-major into N × features) and {@code
 * labels} (N class indices, integer). The classes are 0 … the largest label of both splits; so a
 * next-token task is its contexts as integer token ids and the following token as the label.
 */
public final class TensorsDataset {
    public static final String NAME = "tensors";
    public static final String INPUTS = "inputs";
    public static final String LABELS = "labels";

    private TensorsDataset() {}

    /**
     * Reads both splits; the evaluation split is the training one when {@code evalFile} is unset.
     */
    public static Dataset load(DatasetSpec spec, Path base) {
        String trainWhat = "spec.dataset.trainFile " + spec.trainFile();
        Split train = split(Inputs.local(spec.trainFile(), base, trainWhat), trainWhat);
        Split eval = train;
        String evalWhat = trainWhat;
        if (spec.evalFile() != null) {
            evalWhat = "spec.dataset.evalFile " + spec.evalFile();
            eval = split(Inputs.local(spec.evalFile(), base, evalWhat), evalWhat);
            if (eval.features() != train.features()) {
                throw new DatasetException(
                        evalWhat
                                + ": expected "
                                + train.features()
                                + " input features per example, as in "
                                + trainWhat
                                + ", got "
                                + eval.features());
            }
        }
        int classes = 1 + Math.max(max(train.y()), max(eval.y()));
        if (classes < 2) {
            throw new DatasetException(
                    trainWhat + ": tensor labels: expected at least 2 classes, got only label 0");
        }
        String description =
                String.format(
                        "tensors: %d train and %d eval examples of %d features, %d classes",
                        train.size(), eval.size(), train.features(), classes);
        return new Dataset(NAME, train, eval, train.features(), classes, description);
    }

    private static int max(int[] labels) {
        return Arrays.stream(labels).max().orElse(0);
    }

    private static Split split(Path file, String what) {
        Checkpoint c;
        try {
            c = Safetensors.read(file);
        } catch (CheckpointException e) {
            throw new DatasetException(what + ": " + e.getMessage(), e);
        }
        HostTensor inputs = tensor(c, INPUTS, what);
        HostTensor labels = tensor(c, LABELS, what);
        long[] shape = inputs.shape();
        if (shape.length < 2 || shape[0] < 1) {
            throw new DatasetException(
                    what
                            + ": tensor inputs: expected shape [N, ...] with N >= 1 examples and"
                            + " at least one feature axis, got "
                            + inputs.shapeString());
        }
        long n = shape[0];
        if (labels.shape().length != 1 || labels.shape()[0] != n) {
            throw new DatasetException(
                    what
                            + ": tensor labels: expected shape ["
                            + n
                            + "] (one label per example of inputs), got "
                            + labels.shapeString());
        }
        long features = inputs.numel() / n;
        if (features < 1 || features > Integer.MAX_VALUE || n > Integer.MAX_VALUE) {
            throw new DatasetException(
                    what + ": tensor inputs: too large, shape " + inputs.shapeString());
        }
        float[] x = floats(inputs);
        for (int i = 0; i < x.length; i++) {
            if (!Float.isFinite(x[i])) {
                throw new DatasetException(
                        what
                                + ": tensor inputs: element "
                                + i
                                + " (example "
                                + i / features
                                + ") is "
                                + x[i]
                                + "; expected finite values");
            }
        }
        int[] y = labels(labels, what);
        return new Split(x, y, (int) n, (int) features);
    }

    private static HostTensor tensor(Checkpoint c, String name, String what) {
        HostTensor t = c.tensors().get(name);
        if (t == null) {
            throw new DatasetException(
                    what
                            + ": no tensor "
                            + name
                            + " (a tensors dataset file holds inputs and labels; this one holds "
                            + (c.tensors().isEmpty()
                                    ? "none"
                                    : String.join(", ", c.tensors().keySet()))
                            + ")");
        }
        return t;
    }

    /** The dtypes {@link HostTensor#toFloats()} converts itself. */
    private static final Set<DType> CONVERTED =
            EnumSet.of(DType.F64, DType.F32, DType.F16, DType.BF16, DType.I64);

    private static float[] floats(HostTensor t) {
        if (CONVERTED.contains(t.dtype())) return t.toFloats();
        ByteBuffer in = ByteBuffer.wrap(t.data()).order(ByteOrder.LITTLE_ENDIAN);
        DType dtype = t.dtype();
        float[] out = new float[(int) t.numel()];
        for (int i = 0; i < out.length; i++) {
            out[i] =
                    switch (dtype) {
                        case I32 -> in.getInt();
                        case I16 -> in.getShort();
                        case I8 -> in.get();
                        default -> in.get() & 0xff; // U8 and BOOL, the rest
                    };
        }
        return out;
    }

    private static int[] labels(HostTensor t, String what) {
        ByteBuffer in = ByteBuffer.wrap(t.data()).order(ByteOrder.LITTLE_ENDIAN);
        int n = (int) t.numel();
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            long v =
                    switch (t.dtype()) {
                        case I64 -> in.getLong();
                        case I32 -> in.getInt();
                        case I16 -> in.getShort();
                        case I8 -> in.get();
                        case U8 -> in.get() & 0xff;
                        default ->
                                throw new DatasetException(
                                        what
                                                + ": tensor labels: expected integer class indices"
                                                + " (I64, I32, I16, I8 or U8), got "
                                                + t.dtype());
                    };
            if (v < 0 || v >= 1 << 20) {
                throw new DatasetException(
                        what
                                + ": tensor labels: label "
                                + i
                                + " is "
                                + v
                                + "; expected a class index in 0.."
                                + ((1 << 20) - 1));
            }
            y[i] = (int) v;
        }
        return y;
    }
}
