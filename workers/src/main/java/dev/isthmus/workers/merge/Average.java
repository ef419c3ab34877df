package dev.isthmus.workers.merge;

import dev.isthmus.workers.align.Permutations;
import dev.isthmus.workers.io.HostTensor;
import dev.isthmus.workers.models.Model;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The weighted average of k networks, each first moved into the common frame by its permutations:
 * every tensor (BatchNorm statistics included) summed in float64 in member order, then rounded to
 * float32 once, so the same members give the same bytes.
 */
public final class Average {
    private Average() {}

    /**
     * @param perms per member, its permutations into the frame (an empty map: as it is)
     * @param weights per member, summing to 1
     */
    public static SortedMap<String, HostTensor> of(
            Model model,
            List<? extends Map<String, HostTensor>> members,
            List<? extends Map<String, int[]>> perms,
            double[] weights) {
        List<Map<String, HostTensor>> moved = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            Map<String, int[]> p = perms.get(i);
            moved.add(
                    p.isEmpty()
                            ? members.get(i)
                            : Permutations.apply(model.permutationSpec(), p, members.get(i)));
        }
        SortedMap<String, HostTensor> out = new TreeMap<>();
        for (String name : moved.get(0).keySet()) {
            double[] sum = null;
            for (int i = 0; i < moved.size(); i++) {
                float[] x = moved.get(i).get(name).toFloats();
                if (sum == null) sum = new double[x.length];
                for (int e = 0; e < x.length; e++) sum[e] += weights[i] * x[e];
            }
            float[] v = new float[sum.length];
            for (int e = 0; e < v.length; e++) v[e] = (float) sum[e];
            out.put(name, HostTensor.ofFloats(moved.get(0).get(name).shape(), v));
        }
        return out;
    }
}
