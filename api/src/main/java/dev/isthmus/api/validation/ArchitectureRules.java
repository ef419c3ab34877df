package dev.isthmus.api.validation;

import dev.isthmus.api.spec.AlignmentSpec;
import dev.isthmus.api.spec.ModelSpec;
import dev.isthmus.api.spec.SweepSpec;
import java.util.List;

/**
 * Checks what an architecture can do across sections: the dataset it reads and the alignment
 * methods that apply to its symmetries.
 */
final class ArchitectureRules {
    private static final String MODULAR_ADDITION = "modular-addition";

    private ArchitectureRules() {}

    static void check(SweepSpec spec, ProblemCollector problems) {
        ModelSpec model = spec.model();
        String architecture = model == null ? null : model.architecture();
        if (architecture == null
                || !Vocabulary.ARCHITECTURES.implemented().contains(architecture)) {
            return;
        }
        boolean transformer = ModelSpec.TRANSFORMER.equals(architecture);
        String dataset = spec.dataset() == null ? null : spec.dataset().name();
        if (transformer && dataset != null && !MODULAR_ADDITION.equals(dataset)) {
            problems.add(
                    "spec.model.architecture",
                    "transformer reads the tokens a, b, = of modular-addition, got dataset "
                            + dataset);
        }
        List<AlignmentSpec> alignments = spec.alignments();
        if (alignments == null) {
            return;
        }
        for (int i = 0; i < alignments.size(); i++) {
            AlignmentSpec a = alignments.get(i);
            if (a == null) {
                continue;
            }
            String where = ProblemCollector.at("spec.alignments", i);
            if (AlignmentSpec.ORTHOGONAL.equals(a.type()) && !transformer) {
                problems.add(
                        where,
                        "orthogonal rotates a transformer's residual stream, and "
                                + architecture
                                + " has no orthogonal symmetry (use weight-matching)");
            }
            if (transformer && a.usesActivations()) {
                problems.add(
                        where,
                        "activation-matching needs per-unit activations for every permutation,"
                                + " which transformer attention heads and the residual stream do"
                                + " not have (use weight-matching or orthogonal)");
            }
        }
    }
}
