package dev.isthmus.workers.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import dev.isthmus.api.spec.TrainSpec;
import dev.isthmus.workers.data.Split;
import dev.isthmus.workers.engine.Autograd;
import dev.isthmus.workers.engine.DeviceBatches;
import dev.isthmus.workers.io.HostTensor;
import dev.isthmus.workers.models.Buffers;
import dev.isthmus.workers.models.Model;
import dev.isthmus.workers.models.Params;
import dev.isthmus.workers.paths.BezierPath;
import dev.isthmus.workers.progress.Progress;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.SplittableRandom;

/**
 * Trains the control point of a quadratic Bézier curve between fixed endpoints (Garipov et al.
 * 2018): c starts at the midpoint; each minibatch draws one α ~ U[0, 1] and takes an Adam step on
 * the loss at γ(α). Seeded: the same inputs give the same control point.
 */
public final class CurveFitter {
    public static final int BATCH = 128;

    private CurveFitter() {}

    public static SortedMap<String, HostTensor> fit(
            NDManager parent,
            Model model,
            SortedMap<String, HostTensor> a,
            SortedMap<String, HostTensor> b,
            Split train,
            int epochs,
            double learningRate,
            long seed,
            Progress progress) {
        Autograd.off();
        SplittableRandom rng = new SplittableRandom(seed);
        try (NDManager m = parent.newSubManager()) {
            Params pa = Params.upload(m, a);
            Params pb = Params.upload(m, b);
            Params c = BezierPath.midpoint(pa, pb);
            // BatchNorm statistics are not trained: they stay at the endpoints' midpoint.
            List<NDArray> leaves = Buffers.trainable(model, c);
            for (NDArray p : leaves) p.setRequiresGradient(true);
            Optimizer adam =
                    Optimizer.create(
                            new TrainSpec(null, epochs, "adam", learningRate, BATCH, null, 0.0),
                            leaves);
            int steps = (train.size() + BATCH - 1) / BATCH;
            for (int epoch = 1; epoch <= epochs; epoch++) {
                progress.start("curve epoch " + epoch + "/" + epochs, steps);
                int[] perm = Trainer.permutation(train.size(), rng);
                double lossSum = 0;
                for (int s = 0; s < steps; s++) {
                    int from = s * BATCH;
                    int n = Math.min(BATCH, train.size() - from);
                    double alpha = rng.nextDouble();
                    try (NDScope scope = new NDScope()) {
                        scope.suppressNotUsedWarning();
                        DeviceBatches.Batch batch = DeviceBatches.gather(m, train, perm, from, n);
                        // Coefficients as arrays kept alive until backward (shared/NOTES.md).
                        NDArray wa = m.create((float) ((1 - alpha) * (1 - alpha)));
                        NDArray wc = m.create((float) (2 * alpha * (1 - alpha)));
                        NDArray wb = m.create((float) (alpha * alpha));
                        NDArray loss =
                                Autograd.backward(
                                        () -> {
                                            Params g =
                                                    pa.zip(c, (x, y) -> x.mul(wa).add(y.mul(wc)))
                                                            .zip(pb, (x, y) -> x.add(y.mul(wb)));
                                            NDArray logits = // (n, classes), batch statistics
                                                    model.forwardTrain(
                                                                    g, batch.x(), Buffers.MOMENTUM)
                                                            .logits();
                                            return logits.logSoftmax(1)
                                                    .gather(batch.y().reshape(-1, 1), 1)
                                                    .mean()
                                                    .neg();
                                        });
                        adam.step(leaves);
                        float value = loss.getFloat();
                        if (!Float.isFinite(value))
                            throw new TrainingDivergedException(epoch, s + 1, value);
                        lossSum += value * n;
                    }
                    progress.update(s + 1);
                }
                progress.finish(
                        String.format(
                                Locale.ROOT,
                                "mean loss along the curve %.4f",
                                lossSum / train.size()));
            }
            SortedMap<String, HostTensor> out = Buffers.stateDict(model, c.download());
            return out;
        }
    }
}
