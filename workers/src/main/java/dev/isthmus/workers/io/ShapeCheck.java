package dev.isthmus.workers.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Checks that a checkpoint holds exactly the tensors a model expects, with the expected shapes and
 * a floating-point dtype.
 */
public final class ShapeCheck {
    private static final Set<DType> FLOATS =
            EnumSet.of(DType.F32, DType.F64, DType.F16, DType.BF16);
    private static final Set<DType> COUNTERS =
            EnumSet.of(DType.I64, DType.F32, DType.F64, DType.F16, DType.BF16);

    private ShapeCheck() {}

    /**
     * Compares the checkpoint's tensor names and shapes with {@code expected}.
     *
     * @param source what the checkpoint is called in messages, usually its file
     * @throws CheckpointException listing every missing tensor, shape mismatch and unexpected
     *     tensor at once, joined with "; "
     */
    public static void requireShapes(
            String source, Checkpoint checkpoint, Map<String, long[]> expected) {
        requireShapes(source, checkpoint, expected, Set.of());
    }

    /**
     * As above; the tensors named in {@code integers} (PyTorch's int64 buffers such as {@code
     * num_batches_tracked}) may also be I64.
     */
    public static void requireShapes(
            String source,
            Checkpoint checkpoint,
            Map<String, long[]> expected,
            Set<String> integers) {
        List<String> problems = new ArrayList<>();
        for (var wanted : new TreeMap<>(expected).entrySet()) {
            String name = wanted.getKey();
            String shape = Arrays.toString(wanted.getValue());
            HostTensor tensor = checkpoint.tensors().get(name);
            if (tensor == null) {
                problems.add("missing tensor " + name + " (expected shape " + shape + ")");
            } else if (!Arrays.equals(wanted.getValue(), tensor.shape())) {
                problems.add(name + ": expected shape " + shape + ", got " + tensor.shapeString());
            } else if (integers.contains(name) && !COUNTERS.contains(tensor.dtype())) {
                problems.add(
                        name
                                + ": expected I64 or a float dtype (F32, F64, F16, BF16), got "
                                + tensor.dtype());
            } else if (!integers.contains(name) && !FLOATS.contains(tensor.dtype())) {
                problems.add(
                        name
                                + ": expected a float dtype (F32, F64, F16, BF16), got "
                                + tensor.dtype());
            }
        }
        for (var present : checkpoint.tensors().entrySet()) {
            if (!expected.containsKey(present.getKey())) {
                problems.add(
                        "unexpected tensor "
                                + present.getKey()
                                + " with shape "
                                + present.getValue().shapeString());
            }
        }
        if (!problems.isEmpty()) {
            throw new CheckpointException(source, String.join("; ", problems));
        }
    }
}
