package dev.isthmus.cli;

import ai.djl.ndarray.NDManager;
import dev.isthmus.workers.bench.AlignmentProbe;
import dev.isthmus.workers.bench.EvalBenchmark;
import dev.isthmus.workers.bench.LapBenchmark;
import dev.isthmus.workers.store.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code isthmus bench}: benchmarks that print JSON ratios against an in-run reference. */
@Command(
        name = "bench",
        description = "Benchmarks (not tests).",
        subcommands = {
            BenchCommand.Eval.class,
            BenchCommand.Lap.class,
            BenchCommand.Alignment.class
        })
final class BenchCommand {

    /** {@code isthmus bench eval}: path evaluation vs plain matmul on the same shapes. */
    @Command(
            name = "eval",
            description = "Path-evaluation GFLOP/s as a fraction of the engine's matmul GFLOP/s.")
    static final class Eval implements Callable<Integer> {
        @Option(names = "--hidden", split = ",", defaultValue = "512,512,512")
        List<Integer> hidden;

        @Option(names = "--alphas", defaultValue = "25")
        int alphas;

        @Option(names = "--examples", defaultValue = "10000")
        int examples;

        @Option(names = "--batch", defaultValue = "1000")
        int batch;

        @Option(names = "--repeats", defaultValue = "5")
        int repeats;

        @Mixin ComputeOptions compute;

        @Override
        public Integer call() {
            try (NDManager m = compute.open()) {
                var result = EvalBenchmark.run(m, hidden, alphas, examples, batch, repeats);
                result.put("threads", compute.threads);
                System.out.print(Json.string(result));
            }
            return IsthmusCommand.OK;
        }
    }

    /** {@code isthmus bench lap}: the assignment solver on the matrices lap_vs_scipy.py reuses. */
    @Command(
            name = "lap",
            description =
                    "Median seconds of the linear assignment solver on uniform, adversarial or"
                            + " correlation costs.")
    static final class Lap implements Callable<Integer> {
        @Option(names = "--sizes", split = ",", defaultValue = "256,512,1024,2048,4096")
        List<Integer> sizes;

        @Option(names = "--repeats", defaultValue = "3")
        int repeats;

        @Option(names = "--seed", defaultValue = "0")
        long seed;

        @Option(
                names = "--kind",
                defaultValue = "uniform",
                description =
                        "uniform (random in [0, 1)), adversarial ((i+1)(j+1)) or correlation"
                                + " (weight matching's shape).")
        String kind;

        @Option(
                names = "--write-matrices",
                paramLabel = "DIR",
                description = "Also write each matrix to DIR as raw little-endian float64.")
        Path writeMatrices;

        @Override
        public Integer call() throws IOException {
            LapBenchmark.Kind k = LapBenchmark.Kind.of(kind);
            System.out.print(Json.string(LapBenchmark.run(sizes, repeats, seed, writeMatrices, k)));
            return IsthmusCommand.OK;
        }
    }

    /** {@code isthmus bench alignment}: whether results depend on where an operand starts. */
    @Command(
            name = "alignment",
            description =
                    "Whether the engine's matmul results depend on the operands' byte offset.")
    static final class Alignment implements Callable<Integer> {
        @Mixin ComputeOptions compute;

        @Override
        public Integer call() {
            try (NDManager m = compute.open()) {
                var result = AlignmentProbe.run(m);
                result.put("threads", compute.threads);
                System.out.print(Json.string(result));
            }
            return IsthmusCommand.OK;
        }
    }
}
