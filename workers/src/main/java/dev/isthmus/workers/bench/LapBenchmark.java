package dev.isthmus.workers.bench;

import dev.isthmus.api.validation.BadInputException;
import dev.isthmus.workers.align.LinearAssignment;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Wall time of {@link LinearAssignment#minimize} on seeded uniform random n×n costs in [0, 1).
 * {@code benchmarks/lap_vs_scipy.py} solves the same matrices (written with {@code
 * --write-matrices}) with scipy's {@code linear_sum_assignment} and reports the ratio.
 *
 * <p>Each size is first solved untimed until the JIT has compiled the solver (at least {@value
 * #WARMUP_SOLVES} solves and {@value #WARMUP_SECONDS} s), then {@code repeats} times timed; the
 * median is reported.
 */
public final class LapBenchmark {
    static final int WARMUP_SOLVES = 2;
    static final double WARMUP_SECONDS = 1.0;

    private LapBenchmark() {}

    /**
     * Runs the sizes in order; with {@code matrixDir} each matrix is also written there as raw
     * little-endian float64, row-major, named {@code lap-n<N>-seed<S>.bin}.
     */
    public static Map<String, Object> run(
            List<Integer> sizes, int repeats, long seed, Path matrixDir) throws IOException {
        if (repeats < 1) throw new BadInputException("--repeats: expected ≥ 1, got " + repeats);
        for (int n : sizes) {
            if (n < 1 || (long) n * n > Integer.MAX_VALUE) {
                throw new BadInputException("--sizes: expected sizes from 1 to 46340, got " + n);
            }
        }
        if (matrixDir != null) Files.createDirectories(matrixDir);
        List<Map<String, Object>> results = new ArrayList<>();
        for (int n : sizes) {
            double[] cost = uniform(n, seed); // (n, n)
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("n", n);
            if (matrixDir != null) {
                Path file = matrixDir.resolve("lap-n" + n + "-seed" + seed + ".bin");
                write(file, cost);
                r.put("matrix", file.toAbsolutePath().toString());
            }
            warmUp(cost, n);
            double[] seconds = new double[repeats];
            LinearAssignment.Result result = null;
            for (int k = 0; k < repeats; k++) {
                long start = System.nanoTime();
                result = LinearAssignment.minimize(cost, n, n);
                seconds[k] = (System.nanoTime() - start) / 1e9;
            }
            r.put("seconds", median(seconds));
            r.put("runs", seconds);
            r.put("total", result.total());
            results.add(r);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("benchmark", "lap");
        out.put("costs", "uniform [0, 1), SplittableRandom(seed).nextDouble() row-major, per size");
        out.put("seed", seed);
        out.put("repeats", repeats);
        out.put("java", System.getProperty("java.vm.name") + " " + Runtime.version());
        out.put("sizes", results);
        return out;
    }

    static double[] uniform(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] c = new double[n * n];
        for (int t = 0; t < c.length; t++) c[t] = rng.nextDouble();
        return c;
    }

    private static void warmUp(double[] cost, int n) {
        long start = System.nanoTime();
        for (int k = 0;
                k < WARMUP_SOLVES || System.nanoTime() - start < WARMUP_SECONDS * 1e9;
                k++) {
            LinearAssignment.minimize(cost, n, n);
        }
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        int h = s.length / 2;
        return s.length % 2 == 1 ? s[h] : (s[h - 1] + s[h]) / 2;
    }

    private static void write(Path file, double[] cost) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel ch =
                FileChannel.open(
                        file,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.WRITE)) {
            for (double x : cost) {
                if (!buf.hasRemaining()) {
                    buf.flip();
                    while (buf.hasRemaining()) ch.write(buf);
                    buf.clear();
                }
                buf.putDouble(x);
            }
            buf.flip();
            while (buf.hasRemaining()) ch.write(buf);
        }
    }
}
