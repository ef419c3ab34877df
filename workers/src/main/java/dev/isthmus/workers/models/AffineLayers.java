package dev.isthmus.workers.models;

import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.Map;

/**
 * A model whose hidden layers are affine maps followed by a nonlinearity, so REPAIR can rescale
 * each layer's pre-activations by rescaling its weight rows and bias.
 */
public interface AffineLayers {

    /** One hidden affine layer: its name, weight (output units on axis 0) and bias (units). */
    record Layer(String name, String weight, String bias) {}

    /** The hidden affine layers, in forward order (the classifier is not one of them). */
    List<Layer> affineLayers();

    /**
     * The pre-activations of every hidden affine layer for a batch, by layer name, each (samples,
     * units).
     */
    Map<String, NDArray> preActivations(Params params, NDArray x);
}
