package dev.isthmus.workers.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import dev.isthmus.workers.data.Split;
import dev.isthmus.workers.engine.DeviceBatches;
import dev.isthmus.workers.models.Mlp;
import dev.isthmus.workers.models.Params;
import dev.isthmus.workers.paths.PathEvaluator;
import dev.isthmus.workers.progress.Progress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Path-evaluation throughput against the engine's own matmul throughput on the same layer shapes,
 * measured in the same process: the ratio says how much of the engine path evaluation uses (bar: ≥
 * 0.5).
 */
public final class EvalBenchmark {
    private EvalBenchmark() {}

    public static Map<String, Object> run(
            NDManager manager,
            List<Integer> hidden,
            int alphas,
            int examples,
            int batch,
            int repeats) {
        Mlp mlp = new Mlp(784, hidden, 10);
        List<Integer> w = mlp.widths();
        double flopsPerExample = 0;
        for (int i = 0; i + 1 < w.size(); i++) flopsPerExample += 2.0 * w.get(i) * w.get(i + 1);

        Split data = randomSplit(examples, 784, 10, 7);
        double evalSeconds;
        double matmulSeconds;
        try (NDManager m = manager.newSubManager();
                DeviceBatches batches = new DeviceBatches(m, data, batch)) {
            Params a = Params.upload(m, mlp.initialise(1));
            Params b = Params.upload(m, mlp.initialise(2));
            PathEvaluator.linear(mlp, a, b, batches, 2, Progress.NONE); // warm-up
            evalSeconds =
                    median(
                            repeats,
                            () -> PathEvaluator.linear(mlp, a, b, batches, alphas, Progress.NONE));

            NDArray[] weights = new NDArray[w.size() - 1];
            for (int i = 0; i < weights.length; i++) {
                weights[i] = m.randomNormal(new Shape(w.get(i), w.get(i + 1))); // (in, out)
            }
            NDArray[] inputs = new NDArray[w.size() - 1];
            for (int i = 0; i < inputs.length; i++)
                inputs[i] = m.randomNormal(new Shape(batch, w.get(i)));
            int batchesPerPass = (examples + batch - 1) / batch;
            Runnable matmuls =
                    () -> {
                        for (int k = 0; k < alphas * batchesPerPass; k++) {
                            try (NDScope scope = new NDScope()) {
                                scope.suppressNotUsedWarning();
                                for (int i = 0; i < weights.length; i++)
                                    inputs[i].matMul(weights[i]).getFloat(0, 0);
                            }
                        }
                    };
            matmuls.run(); // warm-up
            matmulSeconds = median(repeats, matmuls);
        }
        double evalFlops = flopsPerExample * examples * alphas;
        double matmulFlops =
                flopsPerExample * batch * (double) ((examples + batch - 1) / batch) * alphas;
        double evalGflops = evalFlops / evalSeconds / 1e9;
        double matmulGflops = matmulFlops / matmulSeconds / 1e9;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("benchmark", "eval");
        out.put("model", mlp.describe());
        out.put("alphas", alphas);
        out.put("examples", examples);
        out.put("batch", batch);
        out.put("repeats", repeats);
        out.put("evalSeconds", evalSeconds);
        out.put("evalGflops", evalGflops);
        out.put("matmulSeconds", matmulSeconds);
        out.put("matmulGflops", matmulGflops);
        out.put("ratio", evalGflops / matmulGflops);
        return out;
    }

    private static double median(int repeats, Runnable r) {
        double[] t = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long s = System.nanoTime();
            r.run();
            t[i] = (System.nanoTime() - s) / 1e9;
        }
        java.util.Arrays.sort(t);
        return t[repeats / 2];
    }

    private static Split randomSplit(int n, int features, int classes, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = new float[n * features];
        for (int i = 0; i < x.length; i++) x[i] = (float) rng.nextGaussian();
        int[] y = new int[n];
        for (int i = 0; i < n; i++) y[i] = rng.nextInt(classes);
        return new Split(x, y, n, features);
    }
}
