package dev.isthmus.api.validation;

import dev.isthmus.api.spec.TolerationSpec;
import java.util.List;
import java.util.Set;

/** Checks Kubernetes tolerations the way the API server would, with the field path. */
final class TolerationRules {

    private static final Set<String> OPERATORS = Set.of("Equal", "Exists");
    private static final List<String> EFFECTS =
            List.of("NoSchedule", "PreferNoSchedule", "NoExecute");

    private TolerationRules() {}

    static void check(List<TolerationSpec> tolerations, String path, ProblemCollector problems) {
        if (tolerations == null) {
            return;
        }
        for (int i = 0; i < tolerations.size(); i++) {
            TolerationSpec t = tolerations.get(i);
            if (t != null) {
                check(t, ProblemCollector.at(path, i), problems);
            }
        }
    }

    private static void check(TolerationSpec t, String path, ProblemCollector problems) {
        String operator = t.operator() == null ? "Equal" : t.operator();
        boolean emptyKey = t.key() == null || t.key().isEmpty();
        if (!OPERATORS.contains(operator)) {
            problems.add(
                    path + ".operator",
                    "unknown operator " + operator + " (expected one of: Equal, Exists)");
        } else if (operator.equals("Exists") && t.value() != null && !t.value().isEmpty()) {
            problems.add(path + ".value", "must be empty when the operator is Exists");
        } else if (emptyKey && operator.equals("Equal")) {
            problems.add(path + ".key", "is required unless the operator is Exists");
        }
        String effect = t.effect();
        if (effect != null && !effect.isEmpty() && !EFFECTS.contains(effect)) {
            problems.add(
                    path + ".effect",
                    "unknown effect "
                            + effect
                            + " (expected one of: "
                            + String.join(", ", EFFECTS)
                            + ")");
        }
        if (t.tolerationSeconds() != null && !"NoExecute".equals(effect)) {
            problems.add(path + ".tolerationSeconds", "applies only to the NoExecute effect");
        }
    }
}
