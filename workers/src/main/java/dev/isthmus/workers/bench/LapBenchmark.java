package dev.isthmus.workers.bench;

import dev.isthmus.api.spec.Names;
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
 * Wall time of {@link LinearAssignment#minimize} on seeded n×n costs of one {@link Kind}. {@code
 * benchmarks/lap_vs_scipy.py} solves the same matrices (written with {@code --write-matrices}) with
 * scipy's {@code linear_sum_assignment} and the C++ LAPJV solvers and reports the ratios.
 *
 * <p>Each size is first solved untimed until the JIT has compiled the solver (at least {@value
 * #WARMUP_SOLVES} solves and {@value #WARMUP_SECONDS} s), then {@code repeats} times timed; the
 * median is reported.
 */
public final class LapBenchmark {
    static final int WARMUP_SOLVES = 2;
    static final double WARMUP_SECONDS = 1.0;

    private LapBenchmark() {}

    /** The cost matrices. */
    public enum Kind implements Names.Word {
        /**
         * Uniform random costs in [0, 1), {@code SplittableRandom(seed).nextDouble()} row-major.
         */
        UNIFORM("uniform [0, 1), SplittableRandom(seed).nextDouble() row-major, per size"),
        /**
         * {@code c[i][j] = (i + 1)(j + 1)}: every assignment's rows need long augmenting paths (the
         * column reduction gives almost every row no column).
         */
        ADVERSARIAL("c[i][j] = (i + 1)(j + 1)"),
        /**
         * Weight matching's shape, synthetic: {@code −W_A·W_Bᵀ} for two seeded n × 64 Gaussian
         * matrices whose rows are scaled by log-normal factors (σ = 1), so that a few large-norm
         * units are the best match of most columns, as in trained networks' cost matrices.
         */
        CORRELATION(
                "-(W_A W_B^T) of two seeded n x 64 Gaussian matrices, rows scaled by"
                        + " exp(N(0, 1)) (weight matching's shape, minimised)");

        final String description;

        Kind(String description) {
            this.description = description;
        }

        /** The kind named {@code word}, or a sentence naming the flag and the kinds. */
        public static Kind of(String word) {
            return Names.parse(Kind.class, word)
                    .orElseThrow(
                            () -> {
                                List<String> kinds = Names.of(Kind.class);
                                String expected =
                                        String.join(", ", kinds.subList(0, kinds.size() - 1))
                                                + " or "
                                                + kinds.get(kinds.size() - 1);
                                return new BadInputException(
                                        "--kind: expected " + expected + ", got " + word);
                            });
        }

        double[] matrix(int n, long seed) {
            return switch (this) {
                case UNIFORM -> uniform(n, seed);
                case ADVERSARIAL -> adversarial(n);
                case CORRELATION -> correlation(n, seed);
            };
        }
    }

    /** As {@link #run(List, int, long, Path, Kind)} on uniform costs. */
    public static Map<String, Object> run(
            List<Integer> sizes, int repeats, long seed, Path matrixDir) throws IOException {
        return run(sizes, repeats, seed, matrixDir, Kind.UNIFORM);
    }

    /**
     * Runs the sizes in order; with {@code matrixDir} each matrix is also written there as raw
     * little-endian float64, row-major, named {@code lap-<kind>-n<N>-seed<S>.bin}.
     */
    public static Map<String, Object> run(
            List<Integer> sizes, int repeats, long seed, Path matrixDir, Kind kind)
            throws IOException {
        if (repeats < 1) throw new BadInputException("--repeats: expected ≥ 1, got " + repeats);
        for (int n : sizes) {
            if (n < 1 || (long) n * n > Integer.MAX_VALUE) {
                throw new BadInputException("--sizes: expected sizes from 1 to 46340, got " + n);
            }
        }
        if (matrixDir != null) Files.createDirectories(matrixDir);
        List<Map<String, Object>> results = new ArrayList<>();
        for (int n : sizes) {
            double[] cost = kind.matrix(n, seed); // (n, n)
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("n", n);
            if (matrixDir != null) {
                Path file =
                        matrixDir.resolve(
                                "lap-" + kind.wire() + "-n" + n + "-seed" + seed + ".bin");
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
        out.put("kind", kind.wire());
        out.put("costs", kind.description);
        out.put("seed", seed);
        out.put("repeats", repeats);
        out.put("java", System.getProperty("java.vm.name") + " " + Runtime.version());
        out.put("sizes", results);
        Double peak = peakRssMiB();
        if (peak != null) out.put("peakRssMiB", peak);
        return out;
    }

    /** The process's peak resident memory so far ({@code VmHWM}), on Linux; else null. */
    static Double peakRssMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    String kb = line.substring(6).trim().split("\\s+")[0];
                    return Long.parseLong(kb) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or a format this reader does not know: no figure
        }
        return null;
    }

    static double[] uniform(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] c = new double[n * n];
        for (int t = 0; t < c.length; t++) c[t] = rng.nextDouble();
        return c;
    }

    static double[] adversarial(int n) {
        double[] c = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) c[i * n + j] = (double) (i + 1) * (j + 1);
        }
        return c;
    }

    static double[] correlation(int n, long seed) {
        int d = 64;
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] w = new double[2][n * d];
        for (double[] m : w) {
            for (int i = 0; i < n; i++) {
                double scale = Math.exp(rng.nextGaussian());
                for (int k = 0; k < d; k++) m[i * d + k] = scale * rng.nextGaussian();
            }
        }
        double[] c = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double dot = 0;
                for (int k = 0; k < d; k++) dot += w[0][i * d + k] * w[1][j * d + k];
                c[i * n + j] = -dot;
            }
        }
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
