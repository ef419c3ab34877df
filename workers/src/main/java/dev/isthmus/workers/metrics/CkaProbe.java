package dev.isthmus.workers.metrics;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import dev.isthmus.workers.data.Split;
import dev.isthmus.workers.engine.DeviceBatches;
import dev.isthmus.workers.models.Model;
import dev.isthmus.workers.models.Params;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleFunction;

/** Linear CKA of each hidden layer: A against aligned B, and A against every point of a path. */
public final class CkaProbe {
    private CkaProbe() {}

    /**
     * Measures on the first {@code examples} evaluation inputs (all of them if fewer).
     *
     * @param path the network at each alpha; {@code path.apply(1.0)} is aligned B as evaluated
     * @param alphas the points of the path to compare with A
     */
    public static Similarity measure(
            NDManager parent,
            Model model,
            Split eval,
            int examples,
            Params a,
            DoubleFunction<Params> path,
            double[] alphas) {
        int n = Math.min(examples, eval.size());
        try (NDManager m = parent.newSubManager()) {
            NDArray x = DeviceBatches.upload(m, eval, 0, n).x(); // (n, features)
            var actA = model.activations(a, x);
            List<String> layers = new ArrayList<>(actA.keySet());
            double[] endpoints = cka(actA, model.activations(path.apply(1.0), x), layers);
            double[][] along = new double[alphas.length][];
            for (int i = 0; i < alphas.length; i++) {
                try (NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    along[i] = cka(actA, model.activations(path.apply(alphas[i]), x), layers);
                }
            }
            return new Similarity(layers, n, endpoints, along);
        }
    }

    private static double[] cka(
            Map<String, NDArray> x, Map<String, NDArray> y, List<String> layers) {
        double[] out = new double[layers.size()];
        for (int l = 0; l < out.length; l++) {
            out[l] = LinearCka.of(x.get(layers.get(l)), y.get(layers.get(l)));
        }
        return out;
    }
}
