package dev.isthmus.workers.align;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import dev.isthmus.workers.data.Split;
import dev.isthmus.workers.engine.Autograd;
import dev.isthmus.workers.engine.DeviceBatches;
import dev.isthmus.workers.io.HostTensor;
import dev.isthmus.workers.models.Model;
import dev.isthmus.workers.models.Params;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Activation matching (Ainsworth et al. 2022, §3.1; Li et al. 2016): for each hidden layer, the
 * Pearson correlation between every unit of A and every unit of B over the same inputs, and one
 * exact assignment maximising the summed correlation. In an MLP the activations of B's units do not
 * depend on how other layers are permuted, so the layers are solved independently.
 */
public final class ActivationMatching {
    private static final double EPS = 1e-12;

    private ActivationMatching() {}

    /** Aligns B to A on the first {@code examples} rows of {@code inputs}. */
    public static Alignment run(
            NDManager parent,
            Model model,
            Map<String, HostTensor> a,
            Map<String, HostTensor> b,
            Split inputs,
            int examples) {
        Autograd.off();
        int n = Math.min(examples, inputs.size());
        SortedMap<String, int[]> perms = new TreeMap<>();
        double objective = 0;
        try (NDManager m = parent.newSubManager()) {
            Params pa = Params.upload(m, a);
            Params pb = Params.upload(m, b);
            DeviceBatches.Batch batch = DeviceBatches.upload(m, inputs, 0, n);
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                SortedMap<String, NDArray> actA = model.activations(pa, batch.x());
                SortedMap<String, NDArray> actB = model.activations(pb, batch.x());
                for (String p : actA.keySet()) {
                    NDArray za = standardise(actA.get(p)); // (n, w)
                    NDArray zb = standardise(actB.get(p));
                    int w = (int) za.getShape().get(1);
                    double[] corr = za.transpose().matMul(zb).div(n).toDoubleArray(); // (w, w)
                    LinearAssignment.Result r = LinearAssignment.maximize(corr, w, w);
                    perms.put(p, r.colInd());
                    objective += r.total();
                }
            }
        }
        return new Alignment(perms, 1, objective);
    }

    /** Columns centred and scaled to unit variance, in float64; constant units become zero. */
    private static NDArray standardise(NDArray x) {
        NDArray d = x.toType(DataType.FLOAT64, true);
        NDArray centred = d.sub(d.mean(new int[] {0}, true));
        NDArray std = centred.square().mean(new int[] {0}, true).sqrt().add(EPS);
        return centred.div(std);
    }
}
