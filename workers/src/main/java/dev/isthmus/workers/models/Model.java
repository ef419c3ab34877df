package dev.isthmus.workers.models;

import ai.djl.ndarray.NDArray;
import dev.isthmus.workers.io.HostTensor;
import java.util.SortedMap;

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
}
