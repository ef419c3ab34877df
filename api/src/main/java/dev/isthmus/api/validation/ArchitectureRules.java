package dev.isthmus.api.validation;

import dev.isthmus.api.spec.AlignmentSpec;
import dev.isthmus.api.spec.ModelSpec;
import dev.isthmus.api.spec.Names;
import dev.isthmus.api.spec.SweepSpec;
import java.util.List;

/**
 * Checks what an architecture can do across sections: the dataset it reads and the alignment
 * methods that apply to its symmetries.
 */
final class ArchitectureRules {
    private static final String MODULAR_ADDITION = Names.Dataset.MODULAR_ADDITION.wire();
    private static final String FASHION_MNIST = Names.Dataset.FASHION_MNIST.wire();

    private ArchitectureRules() {}

    /** The implemented architecture the spec names, or null. */
    private static String architecture(SweepSpec spec) {
        ModelSpec model = spec.model();
        String architecture = model == null ? null : model.architecture();
        return architecture != null && Vocabulary.ARCHITECTURES.implemented().contains(architecture)
                ? architecture
                : null;
    }

    /** The transformer reads modular addition's token pairs; the resnet Fashion-MNIST's images. */
    static void checkDataset(SweepSpec spec, ProblemCollector problems) {
        String dataset = spec.dataset() == null ? null : spec.dataset().name();
        if (ModelSpec.TRANSFORMER.equals(architecture(spec))
                && dataset != null
                && !MODULAR_ADDITION.equals(dataset)) {
            problems.add(
                    "spec.model.architecture",
                    "transformer reads the tokens a, b, = of modular-addition, got dataset "
                            + dataset);
        }
        if (ModelSpec.ONNX.equals(architecture(spec))
                && spec.endpoints() != null
                && spec.endpoints().train() != null) {
            problems.add(
                    "spec.endpoints.train",
                    "an onnx model is not trained from seeds yet; give its endpoints as"
                            + " endpoints.checkpoints (safetensors with the graph's initializer"
                            + " names)");
        }
        if (ModelSpec.RESNET.equals(architecture(spec))
                && dataset != null
                && !FASHION_MNIST.equals(dataset)) {
            problems.add(
                    "spec.model.architecture",
                    "resnet reads the 28x28 images of fashion-mnist, got dataset " + dataset);
        }
    }

    /** Alignment methods need the symmetries (and activations) they work on. */
    static void checkAlignments(SweepSpec spec, ProblemCollector problems) {
        String architecture = architecture(spec);
        List<AlignmentSpec> alignments = spec.alignments();
        if (architecture == null || alignments == null) {
            return;
        }
        boolean transformer = ModelSpec.TRANSFORMER.equals(architecture);
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
