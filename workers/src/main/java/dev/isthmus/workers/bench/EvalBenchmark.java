package dev.isthmus.workers.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import dev.isthmus.api.validation.BadInputException;
import dev.isthmus.workers.data.Split;
import dev.isthmus.workers.engine.DeviceBatches;
import dev.isthmus.workers.models.Mlp;
import dev.isthmus.workers.models.Params;
import dev.isthmus.workers.paths.PathEvaluator;
import dev.isthmus.workers.progress.Progress;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Path-evaluation throughput against the engine's own matmul throughput on the same layer shapes,
 * measured in the same process: the ratio says how much of the engine path evaluation uses. The two
 * are timed in alternation (evaluation, matmul, evaluation, ...), so that background load on a
 * shared machine hits both alike; each round's own ratio is reported too, with its spread.
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
        if (repeats < 1) {
            throw new BadInputException("--repeats: expected at least 1, got " + repeats);
        }
        Mlp mlp = new Mlp(784, hidden, 10);
        List<Integer> w = mlp.widths();
        double flopsPerExample = 0;
        for (int i = 0; i + 1 < w.size(); i++) flopsPerExample += 2.0 * w.get(i) * w.get(i + 1);

        Split data = randomSplit(examples, 784, 10, 7);
        double[] evalTimes = new double[repeats];
        double[] matmulTimes = new double[repeats];
        try (NDManager m = manager.newSubManager();
                DeviceBatches batches = new DeviceBatches(m, data, batch)) {
            Params a = Params.upload(m, mlp.initialise(1));
            Params b = Params.upload(m, mlp.initialise(2));
            Runnable evaluation =
                    () -> PathEvaluator.linear(mlp, a, b, batches, alphas, Progress.NONE);

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
            PathEvaluator.linear(mlp, a, b, batches, 2, Progress.NONE); // warm-up
            matmuls.run(); // warm-up
            // Interleaved, so that load from elsewhere on a shared machine hits both alike.
            for (int r = 0; r < repeats; r++) {
                evalTimes[r] = seconds(evaluation);
                matmulTimes[r] = seconds(matmuls);
            }
        }
        double evalSeconds = median(evalTimes);
        double matmulSeconds = median(matmulTimes);
        double[] roundRatios = new double[repeats]; // matmul time over evaluation time, per round
        double evalFlops = flopsPerExample * examples * alphas;
        double matmulFlops =
                flopsPerExample * batch * (double) ((examples + batch - 1) / batch) * alphas;
        double evalGflops = evalFlops / evalSeconds / 1e9;
        double matmulGflops = matmulFlops / matmulSeconds / 1e9;
        for (int r = 0; r < repeats; r++) {
            roundRatios[r] = (evalFlops / evalTimes[r]) / (matmulFlops / matmulTimes[r]);
        }
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
        out.put("evalSecondsRange", range(evalTimes));
        out.put("matmulSecondsRange", range(matmulTimes));
        out.put("roundRatioMedian", median(roundRatios));
        out.put("roundRatioRange", range(roundRatios));
        return out;
    }

    private static double seconds(Runnable r) {
        long s = System.nanoTime();
        r.run();
        return (System.nanoTime() - s) / 1e9;
    }

    /** The median (the upper one of an even count). */
    static double median(double[] values) {
        double[] t = values.clone();
        Arrays.sort(t);
        return t[t.length / 2];
    }

    private static List<Double> range(double[] values) {
        return List.of(
                Arrays.stream(values).min().orElse(Double.NaN),
                Arrays.stream(values).max().orElse(Double.NaN));
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
