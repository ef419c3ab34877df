package dev.isthmus.workers.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import dev.isthmus.api.spec.TrainSpec;
import dev.isthmus.workers.data.Dataset;
import dev.isthmus.workers.data.Split;
import dev.isthmus.workers.engine.Autograd;
import dev.isthmus.workers.engine.DeviceBatches;
import dev.isthmus.workers.io.HostTensor;
import dev.isthmus.workers.metrics.Evaluator;
import dev.isthmus.workers.metrics.LossAccuracy;
import dev.isthmus.workers.models.Buffers;
import dev.isthmus.workers.models.Model;
import dev.isthmus.workers.models.Params;
import dev.isthmus.workers.models.TrainForward;
import dev.isthmus.workers.progress.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.SplittableRandom;

/**
 * Trains one endpoint. The seed fixes both the initial parameters and the minibatch order, so the
 * same seed, recipe and thread count give byte-identical weights.
 */
public final class Trainer {

    /** The trained parameters and the per-epoch history. */
    public record Result(SortedMap<String, HostTensor> params, List<EpochStats> history) {}

    private Trainer() {}

    public static Result train(
            NDManager parent,
            Model model,
            Dataset data,
            TrainSpec recipe,
            long seed,
            Progress progress) {
        Autograd.off();
        SplittableRandom root = new SplittableRandom(seed);
        long initSeed = root.nextLong();
        SplittableRandom order = root.split();
        try (NDManager manager = parent.newSubManager();
                DeviceBatches eval = new DeviceBatches(manager, data.eval(), 1000)) {
            Params params = Params.upload(manager, model.initialise(initSeed));
            List<NDArray> leaves = Buffers.trainable(model, params); // not BatchNorm statistics
            for (NDArray p : leaves) p.setRequiresGradient(true);
            Optimizer optimizer = Optimizer.create(recipe, leaves);

            List<EpochStats> history = new ArrayList<>();
            Split train = data.train();
            int batch = recipe.batchSize();
            int steps = (train.size() + batch - 1) / batch;
            for (int epoch = 1; epoch <= recipe.epochs(); epoch++) {
                progress.start("epoch " + epoch + "/" + recipe.epochs(), steps);
                int[] perm = permutation(train.size(), order);
                double lossSum = 0;
                long hits = 0;
                for (int s = 0; s < steps; s++) {
                    int from = s * batch;
                    int n = Math.min(batch, train.size() - from);
                    try (NDScope scope = new NDScope()) {
                        scope.suppressNotUsedWarning();
                        DeviceBatches.Batch b = DeviceBatches.gather(manager, train, perm, from, n);
                        NDArray[] logits = new NDArray[1];
                        NDArray[] nll = new NDArray[1]; // (n, 1), per example
                        TrainForward[] step = new TrainForward[1];
                        // No op(Number) while recording: see shared/NOTES.md (DJL).
                        NDArray loss =
                                Autograd.backward(
                                        () -> {
                                            step[0] =
                                                    model.forwardTrain(
                                                            params, b.x(), Buffers.MOMENTUM);
                                            logits[0] = step[0].logits(); // (n, k)
                                            nll[0] =
                                                    logits[0]
                                                            .logSoftmax(1)
                                                            .gather(b.y().reshape(-1, 1), 1)
                                                            .neg();
                                            return nll[0].mean();
                                        });
                        NDArray correct =
                                logits[0].argMax(1).eq(b.y()).toType(DataType.INT64, false);
                        optimizer.step(leaves);
                        Buffers.assign(params, step[0].buffers()); // running statistics
                        float stepLoss = loss.getFloat();
                        if (!Float.isFinite(stepLoss)) {
                            throw new TrainingDivergedException(epoch, s + 1, stepLoss);
                        }
                        // The reported loss: host-side float64 sum in example order (Evaluator).
                        lossSum += Evaluator.sum(nll[0].toFloatArray());
                        hits += correct.sum().getLong();
                    }
                    progress.update(s + 1);
                }
                LossAccuracy e = Evaluator.evaluate(model, params, eval);
                EpochStats stats =
                        new EpochStats(
                                epoch,
                                lossSum / train.size(),
                                (double) hits / train.size(),
                                e.loss(),
                                e.accuracy());
                history.add(stats);
                progress.finish(
                        String.format(
                                Locale.ROOT,
                                "train loss %.4f acc %.4f | eval loss %.4f acc %.4f",
                                stats.trainLoss(),
                                stats.trainAccuracy(),
                                stats.evalLoss(),
                                stats.evalAccuracy()));
            }
            return new Result(Buffers.stateDict(model, params.download()), history);
        }
    }

    /** A Fisher–Yates shuffle of {@code 0..n-1} driven by {@code rng}. */
    public static int[] permutation(int n, SplittableRandom rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
