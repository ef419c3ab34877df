package dev.isthmus.api.validation;

import dev.isthmus.api.spec.ExecutionSpec;
import dev.isthmus.api.spec.MetricSpec;
import dev.isthmus.api.spec.RegressionSpec;
import dev.isthmus.api.spec.SeedsSpec;
import dev.isthmus.api.spec.SweepSpec;

/**
 * Checks {@code spec.seeds}, {@code spec.regression} and {@code spec.execution} (its cluster-only
 * fields in {@link ClusterRules}).
 */
final class ExecutionRules {

    static final int MAX_RETRIES = 10;
    static final int MAX_THREADS = 256;

    private ExecutionRules() {}

    static void check(SweepSpec spec, ProblemCollector problems) {
        SeedsSpec seeds = spec.seeds();
        if (seeds != null) {
            problems.atLeast("spec.seeds.data", seeds.data(), 0);
            problems.atLeast("spec.seeds.eval", seeds.eval(), 0);
            problems.atLeast("spec.seeds.align", seeds.align(), 0);
        }
        RegressionSpec regression = spec.regression();
        if (regression != null) {
            nonNegative("spec.regression.maxLossBarrier", regression.maxLossBarrier(), problems);
            nonNegative("spec.regression.maxIncrease", regression.maxIncrease(), problems);
            if (regression.upperBound()
                    && !(spec.metrics() != null
                            && spec.metrics().stream()
                                    .anyMatch(
                                            m ->
                                                    m != null
                                                            && MetricSpec.CONFIDENCE.equals(
                                                                    m.type())))) {
                problems.add(
                        "spec.regression.onUpperBound",
                        "gates the upper ends of the bootstrap intervals, but spec.metrics has no "
                                + MetricSpec.CONFIDENCE
                                + " (add it, or drop onUpperBound)");
            }
        }
        ExecutionSpec execution = spec.execution();
        if (execution == null) {
            return;
        }
        String path = "spec.execution";
        problems.atLeast(path + ".parallelism", execution.parallelism(), 1);
        problems.between(path + ".retries", execution.retries(), 0, MAX_RETRIES);
        problems.between(path + ".threads", execution.threads(), 1, MAX_THREADS);
        Vocabulary.DEVICES.check(path + ".device", execution.device(), problems);
        if (execution.store() != null) {
            LocationRules.checkStore(path + ".store", execution.store(), problems);
        }
        ClusterRules.check(execution, problems);
    }

    private static void nonNegative(String path, Double value, ProblemCollector problems) {
        if (value != null && !(value >= 0 && Double.isFinite(value))) {
            problems.add(path, "must be a finite number >= 0, got " + ProblemCollector.show(value));
        }
    }
}
