package dev.isthmus.api.validation;

import dev.isthmus.api.spec.Endpoints;
import dev.isthmus.api.spec.MergeSpec;
import dev.isthmus.api.spec.Names;
import dev.isthmus.api.spec.SweepSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks {@code spec.merges}: a known alignment each, one weight per endpoint, a correction the
 * model has, and options only where they apply.
 */
final class MergeRules {
    private static final String PATH = "spec.merges";
    static final int MAX_ITERATIONS = 10_000;

    private MergeRules() {}

    static void check(SweepSpec spec, ProblemCollector problems) {
        List<MergeSpec> merges = spec.merges();
        if (merges == null || !problems.notEmpty(PATH, merges)) {
            return;
        }
        List<String> endpoints = Endpoints.endpointNames(spec);
        Set<MergeSpec> seen = new HashSet<>();
        for (int i = 0; i < merges.size(); i++) {
            MergeSpec m = merges.get(i);
            if (m == null) {
                continue;
            }
            String at = ProblemCollector.at(PATH, i);
            if (problems.required(at + ".alignment", m.alignment())) {
                if (!seen.add(m)) {
                    problems.add(at, "duplicate merge " + m.alignment());
                } else {
                    Vocabulary.MERGE_ALIGNMENTS.check(at + ".alignment", m.alignment(), problems);
                }
            }
            checkWeights(at + ".weights", m.weights(), endpoints, problems);
            MeasurementRules.checkRepair(at + ".repair", m.repair(), spec.model(), problems);
            boolean many = Names.MergeAlignment.MERGE_MANY.wire().equals(m.alignment());
            boolean matching =
                    many || Names.MergeAlignment.WEIGHT_MATCHING.wire().equals(m.alignment());
            if (m.maxIterations() != null && !many) {
                problems.add(at + ".maxIterations", "applies only to merge-many");
            } else {
                problems.between(at + ".maxIterations", m.maxIterations(), 1, MAX_ITERATIONS);
            }
            if (m.maxSweeps() != null && !matching) {
                problems.add(at + ".maxSweeps", "applies only to weight-matching and merge-many");
            } else {
                problems.between(at + ".maxSweeps", m.maxSweeps(), 1, MeasurementRules.MAX_SWEEPS);
            }
            if (Boolean.TRUE.equals(m.cycles()) && !endpoints.isEmpty() && endpoints.size() < 3) {
                problems.add(
                        at + ".cycles",
                        "needs a triple of endpoints, and the sweep has " + endpoints.size());
            }
        }
    }

    private static void checkWeights(
            String at, List<Double> weights, List<String> endpoints, ProblemCollector problems) {
        if (weights == null) {
            return;
        }
        if (!endpoints.isEmpty() && weights.size() != endpoints.size()) {
            problems.add(
                    at,
                    "expected "
                            + endpoints.size()
                            + " weights, one per endpoint ("
                            + String.join(", ", endpoints)
                            + "), got "
                            + weights.size());
            return;
        }
        double sum = 0;
        for (int j = 0; j < weights.size(); j++) {
            Double w = weights.get(j);
            if (w == null || !Double.isFinite(w) || w < 0) {
                problems.add(
                        ProblemCollector.at(at, j),
                        "must be a finite number >= 0, got "
                                + (w == null ? "null" : ProblemCollector.show(w)));
                return;
            }
            sum += w;
        }
        if (sum <= 0) {
            problems.add(at, "the weights sum to 0; give one above 0");
        }
    }
}
