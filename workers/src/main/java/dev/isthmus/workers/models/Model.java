package dev.isthmus.workers.models;

import ai.djl.ndarray.NDArray;
import dev.isthmus.workers.io.HostTensor;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/** A network architecture: parameter shapes, seeded initialisation and a forward pass. */
public interface Model {

    /** Parameter names (PyTorch state_dict names) to their shapes, in forward order. */
    SortedMap<String, long[]> parameterShapes();

    /** Fresh parameters, a pure function of {@code seed}. */
    SortedMap<String, HostTensor> initialise(long seed);

    /** Logits for a batch: {@code x} (n, features) → (n, classes). */
    NDArray forward(Params params, NDArray x);

    /** The permutation symmetries of the architecture (Git Re-Basin's permutation spec). */
    PermutationSpec permutationSpec();

    /**
     * Hidden activations for a batch, keyed by the permutation that acts on their units: each (n,
     * width), in the order of B's own units, as activation matching needs them.
     */
    SortedMap<String, NDArray> activations(Params params, NDArray x);

    /** A one-line description such as {@code mlp 784-256-256-10}. */
    String describe();

    /**
     * Names of the state that is not trained: BatchNorm running statistics and counters. They are
     * in checkpoints and interpolated along paths like parameters, but optimizers skip them.
     */
    default Set<String> buffers() {
        return Set.of();
    }

    /**
     * Buffers a PyTorch {@code state_dict} stores as int64 ({@code num_batches_tracked}): computed
     * in float32 like everything else, written to checkpoints as I64.
     */
    default Set<String> integerBuffers() {
        return Set.of();
    }

    /**
     * A training-mode forward pass: BatchNorm normalises with batch statistics and returns its
     * running statistics after this batch, {@code running ← (1 − momentum)·running +
     * momentum·batch} (PyTorch's convention; unbiased batch variance). Models without buffers
     * return {@link #forward} and no buffers.
     *
     * @param momentum PyTorch's BatchNorm momentum: 0.1 in training, 1/k for the k-th batch of a
     *     cumulative average (PyTorch's {@code momentum=None})
     */
    default TrainForward forwardTrain(Params params, NDArray x, double momentum) {
        return new TrainForward(forward(params, x), new TreeMap<>());
    }
}
