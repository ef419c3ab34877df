package dev.isthmus.workers.metrics;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import dev.isthmus.workers.engine.Autograd;
import dev.isthmus.workers.engine.DeviceBatches;
import dev.isthmus.workers.models.Model;
import dev.isthmus.workers.models.Params;

/**
 * Evaluates a parameter set on pre-uploaded batches. The per-example losses come back to the host
 * and are summed there in float64, in example order: the mean loss then depends only on each
 * example's loss, not on the order in which the engine's vectorised reduction (whose width differs
 * between AVX2 and AVX-512 kernels) or its threads would add them.
 */
public final class Evaluator {
    private Evaluator() {}

    /** Receives each batch's logits, (rows, classes) row-major, with the batch's first row. */
    public interface LogitsSink {
        void accept(int offset, float[] logits);
    }

    /** Receives each batch's per-example losses and hits (arg max = label), with its first row. */
    public interface ExampleSink {
        void accept(int offset, float[] losses, boolean[] correct);
    }

    public static LossAccuracy evaluate(Model model, Params params, DeviceBatches data) {
        return evaluate(model, params, data, null);
    }

    /** As {@link #evaluate(Model, Params, DeviceBatches)}, also handing logits to {@code sink}. */
    public static LossAccuracy evaluate(
            Model model, Params params, DeviceBatches data, LogitsSink sink) {
        return evaluate(model, params, data, sink, null);
    }

    /** As above, also handing each example's loss and correctness to {@code examples}. */
    public static LossAccuracy evaluate(
            Model model, Params params, DeviceBatches data, LogitsSink sink, ExampleSink examples) {
        Autograd.off();
        double lossSum = 0;
        long correct = 0;
        int offset = 0;
        for (DeviceBatches.Batch b : data.batches()) {
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                NDArray logits = model.forward(params, b.x()); // (n, classes)
                if (sink != null) sink.accept(offset, logits.toFloatArray());
                float[] losses = crossEntropy(logits, b.y());
                lossSum += sum(losses);
                NDArray eq = logits.argMax(1).eq(b.y());
                if (examples != null) examples.accept(offset, losses, eq.toBooleanArray());
                offset += b.size();
                NDArray hits = eq.toType(DataType.INT64, false).sum();
                correct += hits.getLong();
            }
        }
        return new LossAccuracy(lossSum / data.examples(), (double) correct / data.examples());
    }

    /** The network's logits on every example of {@code data}, (examples, classes) row-major. */
    public static float[] logits(Model model, Params params, DeviceBatches data, int classes) {
        float[] all = new float[Math.multiplyExact(data.examples(), classes)];
        evaluate(
                model,
                params,
                data,
                (offset, z) -> System.arraycopy(z, 0, all, offset * classes, z.length));
        return all;
    }

    /** Per example, −log softmax(logits)[y] as float32 on the host, in row order. */
    public static float[] crossEntropy(NDArray logits, NDArray y) {
        return logits.logSoftmax(1).gather(y.reshape(-1, 1), 1).neg().toFloatArray();
    }

    /** The float64 sum of {@code values} in index order. */
    public static double sum(float[] values) {
        double s = 0;
        for (float v : values) s += v;
        return s;
    }
}
