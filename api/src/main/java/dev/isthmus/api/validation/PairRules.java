package dev.isthmus.api.validation;

import dev.isthmus.api.spec.Endpoints;
import dev.isthmus.api.spec.PairsSpec;
import dev.isthmus.api.spec.SweepSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks {@code spec.pairs}: a mode, or explicit pairs of distinct, known endpoints. */
final class PairRules {

    private static final String PATH = "spec.pairs";

    private PairRules() {}

    static void check(SweepSpec spec, ProblemCollector problems) {
        PairsSpec pairs = spec.pairs();
        if (pairs == null) {
            return;
        }
        List<List<String>> explicit = pairs.explicit();
        if (explicit == null) {
            if (!PairsSpec.ALL.equals(pairs.mode())
                    && !PairsSpec.CONSECUTIVE.equals(pairs.mode())) {
                problems.add(
                        PATH,
                        "unknown pairs mode "
                                + pairs.mode()
                                + " (expected all, consecutive or a list of endpoint pairs)");
            }
            return;
        }
        if (!problems.notEmpty(PATH, explicit)) {
            return;
        }
        List<String> known = Endpoints.endpointNames(spec);
        Map<Set<String>, Integer> seen = new HashMap<>();
        for (int i = 0; i < explicit.size(); i++) {
            List<String> pair = explicit.get(i);
            if (pair != null) {
                checkPair(ProblemCollector.at(PATH, i), i, pair, known, seen, problems);
            }
        }
    }

    private static void checkPair(
            String path,
            int index,
            List<String> pair,
            List<String> known,
            Map<Set<String>, Integer> seen,
            ProblemCollector problems) {
        if (pair.size() != 2) {
            problems.add(path, "expected 2 endpoint names, got " + pair.size());
            return;
        }
        boolean usable = true;
        for (int j = 0; j < 2; j++) {
            String name = pair.get(j);
            if (name == null) {
                usable = false;
            } else if (!known.isEmpty() && !known.contains(name)) {
                problems.add(
                        ProblemCollector.at(path, j),
                        "unknown endpoint " + name + " (known: " + String.join(", ", known) + ")");
            }
        }
        if (!usable) {
            return;
        }
        if (pair.get(0).equals(pair.get(1))) {
            problems.add(path, "connects " + pair.get(0) + " to itself");
            return;
        }
        Integer first = seen.putIfAbsent(Set.of(pair.get(0), pair.get(1)), index);
        if (first != null) {
            problems.add(
                    path,
                    "duplicate of " + ProblemCollector.at(PATH, first) + " (pairs are unordered)");
        }
    }
}
