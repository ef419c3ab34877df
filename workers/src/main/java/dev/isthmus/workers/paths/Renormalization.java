package dev.isthmus.workers.paths;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.isthmus.workers.models.AffineLayers;
import dev.isthmus.workers.models.Params;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * REPAIR (Jordan et al. 2022, "REPAIR: REnormalizing Permuted Activations for Interpolation
 * Repair"): the interpolated network's hidden pre-activations are rescaled, unit by unit, so their
 * mean and standard deviation on training inputs equal the interpolation of the endpoints' own
 * statistics. The correction is folded into each layer's weight rows and bias, one layer at a time
 * in forward order (each layer is measured after the layers before it are corrected), so the
 * repaired network is an ordinary network of the same architecture.
 */
public final class Renormalization implements Repair {

    /** Added to variances before the square root, as BatchNorm does. */
    static final float EPS = 1e-5f;

    private final AffineLayers model;
    private final NDArray x;
    private final List<Stats> a;
    private final List<Stats> b;

    /** Per-unit mean and standard deviation of one layer's pre-activations, each (units). */
    record Stats(NDArray mean, NDArray std) {}

    /**
     * @param x training inputs the statistics are measured on, (samples, features)
     * @param endpointA endpoint A's parameters
     * @param endpointB endpoint B's parameters (aligned to A)
     */
    public Renormalization(AffineLayers model, NDArray x, Params endpointA, Params endpointB) {
        this.model = model;
        this.x = x;
        this.a = stats(model, model.preActivations(endpointA, x));
        this.b = stats(model, model.preActivations(endpointB, x));
    }

    private Renormalization(AffineLayers model, NDArray x, List<Stats> target) {
        this.model = model;
        this.x = x;
        this.a = target;
        this.b = target;
    }

    /**
     * REPAIR of a merge of k networks (all in one permutation frame): every unit's target mean and
     * standard deviation are the weighted means of the members' own, the k-network form of the
     * interpolation above; {@link #apply}'s alpha is then ignored.
     *
     * @param weights one per member, summing to 1
     */
    public static Renormalization ofMembers(
            AffineLayers model, NDArray x, List<Params> members, double[] weights) {
        List<List<Stats>> each = new ArrayList<>();
        for (Params p : members) each.add(stats(model, model.preActivations(p, x)));
        List<Stats> target = new ArrayList<>();
        for (int l = 0; l < model.affineLayers().size(); l++) {
            NDArray mean = each.get(0).get(l).mean().mul((float) weights[0]); // (u)
            NDArray std = each.get(0).get(l).std().mul((float) weights[0]); // (u)
            for (int m = 1; m < members.size(); m++) {
                mean = mean.add(each.get(m).get(l).mean().mul((float) weights[m]));
                std = std.add(each.get(m).get(l).std().mul((float) weights[m]));
            }
            target.add(new Stats(mean, std));
        }
        return new Renormalization(model, x, target);
    }

    @Override
    public Params apply(Params atAlpha, double alpha) {
        float t = (float) alpha;
        Params current = atAlpha;
        List<AffineLayers.Layer> layers = model.affineLayers();
        for (int l = 0; l < layers.size(); l++) {
            AffineLayers.Layer layer = layers.get(l);
            Stats now = stats(model.preActivations(current, x).get(layer.name()));
            NDArray targetMean = a.get(l).mean().mul(1 - t).add(b.get(l).mean().mul(t)); // (u)
            NDArray targetStd = a.get(l).std().mul(1 - t).add(b.get(l).std().mul(t)); // (u)
            NDArray scale = targetStd.div(now.std()); // (u)
            NDArray w = current.get(layer.weight()); // (u, ...)
            long[] shape = w.getShape().getShape();
            long[] column = new long[shape.length];
            java.util.Arrays.fill(column, 1);
            column[0] = shape[0];
            SortedMap<String, NDArray> next = new TreeMap<>(current.arrays());
            next.put(layer.weight(), w.mul(scale.reshape(new Shape(column))));
            next.put(
                    layer.bias(),
                    current.get(layer.bias()).sub(now.mean()).mul(scale).add(targetMean));
            current = new Params(next);
        }
        return current;
    }

    private static List<Stats> stats(AffineLayers model, Map<String, NDArray> preActivations) {
        List<Stats> out = new ArrayList<>();
        for (AffineLayers.Layer layer : model.affineLayers()) {
            out.add(stats(preActivations.get(layer.name())));
        }
        return out;
    }

    /** Mean and standard deviation over samples of (samples, units) pre-activations. */
    static Stats stats(NDArray z) {
        NDArray mean = z.mean(new int[] {0}); // (u)
        NDArray centred = z.sub(mean);
        NDArray var = centred.mul(centred).mean(new int[] {0}); // (u)
        return new Stats(mean, var.add(EPS).sqrt());
    }
}
