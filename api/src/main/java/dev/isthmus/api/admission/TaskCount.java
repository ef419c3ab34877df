package dev.isthmus.api.admission;

import dev.isthmus.api.spec.AlignmentSpec;
import dev.isthmus.api.spec.PairsSpec;
import dev.isthmus.api.spec.PathSpec;
import dev.isthmus.api.spec.SweepSpec;
import java.util.List;

/**
 * How many pairs and tasks a spec plans, counted from list sizes without building a single pair, so
 * that a spec listing 100,000 seeds (5·10⁹ pairs) is refused in microseconds. Fields left out count
 * as their defaults (all pairs, one alignment, one linear path).
 *
 * @param endpoints trained seeds plus checkpoints
 * @param trained trained seeds (one train task each)
 * @param pairs endpoint pairs connected
 * @param alignments alignment methods per pair
 * @param paths paths per alignment
 * @param curves Bézier paths per alignment (one fit-curve task each)
 * @param tasks every task of the plan, aggregation included; saturates at {@link Long#MAX_VALUE}
 */
public record TaskCount(
        long endpoints,
        long trained,
        long pairs,
        long alignments,
        long paths,
        long curves,
        long tasks) {

    /** Counts the plan of {@code spec} (defaults applied or not). */
    public static TaskCount of(SweepSpec spec) {
        long trained = 0;
        long checkpoints = 0;
        if (spec.endpoints() != null) {
            var train = spec.endpoints().train();
            if (train != null && train.seeds() != null) trained = train.seeds().size();
            if (spec.endpoints().checkpoints() != null) {
                checkpoints = spec.endpoints().checkpoints().size();
            }
        }
        long n = trained + checkpoints;
        PairsSpec pairs = spec.pairs() == null ? PairsSpec.of(PairsSpec.ALL) : spec.pairs();
        long pairCount =
                switch (pairs.mode()) {
                    case PairsSpec.CONSECUTIVE -> Math.max(0, n - 1);
                    case PairsSpec.EXPLICIT ->
                            pairs.explicit() == null ? 0 : pairs.explicit().size();
                    default -> n * (n - 1) / 2; // n < 2^31, so n·(n-1) < 2^62
                };
        List<AlignmentSpec> alignments = spec.alignments();
        long a = alignments == null ? 1 : alignments.size();
        List<PathSpec> paths = spec.paths();
        long p = paths == null ? 1 : paths.size();
        long curves =
                paths == null
                        ? 0
                        : paths.stream()
                                .filter(x -> x != null && PathSpec.BEZIER.equals(x.type()))
                                .count();
        long tasks = saturating(trained, 1);
        long perAlignment = saturating(1, saturating(p, curves));
        long perPair = mul(a, perAlignment);
        tasks = saturating(tasks, mul(pairCount, perPair));
        if (spec.merges() != null) tasks = saturating(tasks, spec.merges().size());
        return new TaskCount(n, trained, pairCount, a, p, curves, tasks);
    }

    /** Align tasks: one per pair and alignment. */
    public long alignTasks() {
        return mul(pairs, alignments);
    }

    /** Evaluate tasks: one per pair, alignment and path. */
    public long evaluateTasks() {
        return mul(alignTasks(), paths);
    }

    /** Fit-curve tasks: one per pair, alignment and Bézier path. */
    public long fitTasks() {
        return mul(alignTasks(), curves);
    }

    private static long mul(long x, long y) {
        try {
            return Math.multiplyExact(x, y);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    private static long saturating(long x, long y) {
        try {
            return Math.addExact(x, y);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }
}
