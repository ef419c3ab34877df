package dev.isthmus.workers.train;

import ai.djl.ndarray.NDArray;
import dev.isthmus.api.spec.TrainSpec;
import dev.isthmus.api.validation.BadInputException;
import dev.isthmus.workers.engine.Autograd;
import java.util.List;

/**
 * Updates parameters in place from their gradients, then zeroes the gradients (PyTorch accumulates
 * them across backward passes). Called outside the gradient collector.
 */
public interface Optimizer {

    void step(List<NDArray> params);

    /** The optimizer a training recipe names, with state allocated beside {@code params}. */
    static Optimizer create(TrainSpec recipe, List<NDArray> params) {
        double wd = recipe.weightDecay() == null ? 0 : recipe.weightDecay();
        return switch (recipe.optimizer()) {
            case "adam" -> new Adam(params, recipe.learningRate(), 0.9, 0.999, 1e-8, wd);
            case "sgd" ->
                    new Sgd(
                            params,
                            recipe.learningRate(),
                            recipe.momentum() == null ? 0 : recipe.momentum(),
                            wd);
            default ->
                    throw new BadInputException(
                            "spec.endpoints.train.optimizer: expected adam or sgd, got "
                                    + recipe.optimizer());
        };
    }

    static void zeroGradient(NDArray param) {
        Autograd.zeroGradient(param);
    }
}
