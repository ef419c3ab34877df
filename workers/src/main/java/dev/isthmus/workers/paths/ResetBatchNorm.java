package dev.isthmus.workers.paths;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import dev.isthmus.api.validation.BadInputException;
import dev.isthmus.workers.data.Split;
import dev.isthmus.workers.engine.Autograd;
import dev.isthmus.workers.engine.DeviceBatches;
import dev.isthmus.workers.models.Buffers;
import dev.isthmus.workers.models.Model;
import dev.isthmus.workers.models.Params;
import dev.isthmus.workers.models.TrainForward;
import dev.isthmus.workers.train.Trainer;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.SplittableRandom;

/**
 * The {@code reset} repair: recomputes the BatchNorm running statistics of each network on the path
 * from training data, as PyTorch's {@code reset_bn_stats} recipe does (Jordan et al. 2022,
 * "REPAIR", §3): reset the statistics, set momentum to None (a cumulative average over batches),
 * and run forward passes in training mode. The batches are the same for every alpha and pair: a
 * sample of the training split drawn with {@code seeds.data}.
 */
public final class ResetBatchNorm implements Repair {
    /** Batches averaged per network: 20 of 128 examples by default, a few seconds on a CPU. */
    public static final int BATCHES = 20;

    private final Model model;
    private final List<NDArray> inputs;

    /**
     * Uploads {@code batches} batches of {@code batchSize} training examples into {@code manager}.
     *
     * @throws BadInputException if the model has no BatchNorm statistics to reset
     */
    public ResetBatchNorm(
            NDManager manager, Model model, Split train, int batchSize, int batches, long seed) {
        if (model.buffers().isEmpty()) {
            throw new BadInputException(
                    "repair reset recomputes BatchNorm statistics, but "
                            + model.describe()
                            + " has none (use none or repair)");
        }
        this.model = model;
        int[] order = Trainer.permutation(train.size(), new SplittableRandom(seed));
        this.inputs = new ArrayList<>();
        for (int k = 0; k < batches && k * batchSize < train.size(); k++) {
            int n = Math.min(batchSize, train.size() - k * batchSize);
            inputs.add(DeviceBatches.gather(manager, train, order, k * batchSize, n).x());
        }
    }

    /** Examples forwarded per network. */
    public int examples() {
        return inputs.stream().mapToInt(x -> (int) x.getShape().get(0)).sum();
    }

    /**
     * {@code atAlpha} with fresh running statistics: after the k-th batch each is the mean over
     * batches 1..k of the batch means and unbiased batch variances (momentum 1/k).
     */
    @Override
    public Params apply(Params atAlpha, double alpha) {
        Autograd.off();
        SortedMap<String, NDArray> stats = Buffers.resetRunningStats(model, atAlpha);
        for (int k = 1; k <= inputs.size(); k++) {
            Params p = Buffers.with(atAlpha, stats);
            SortedMap<String, NDArray> next;
            try (NDScope scope = new NDScope()) { // frees the forward pass's arrays
                scope.suppressNotUsedWarning();
                TrainForward f = model.forwardTrain(p, inputs.get(k - 1), 1.0 / k);
                next = f.buffers();
                next.values().forEach(NDScope::unregister);
            }
            stats.values().forEach(NDArray::close);
            stats = next;
        }
        stats.values().forEach(NDScope::register); // owned by the caller's scope, if any
        return Buffers.with(atAlpha, stats);
    }
}
