package dev.isthmus.api.validation;

import java.util.List;

/**
 * The names a field accepts: those implemented, and those known but not implemented yet (which get
 * a "not implemented yet" message rather than "unknown").
 *
 * @param noun what a value names, for messages ("architecture", "metric")
 * @param implemented accepted names
 * @param planned known names that are not implemented yet
 */
record Vocabulary(String noun, List<String> implemented, List<String> planned) {

    static final Vocabulary ARCHITECTURES =
            new Vocabulary("architecture", List.of("mlp", "resnet", "transformer"), List.of());
    static final Vocabulary NORMALIZATIONS =
            new Vocabulary("normalization", List.of("none", "batchnorm", "layernorm"), List.of());
    static final Vocabulary DATASETS =
            new Vocabulary(
                    "dataset",
                    List.of("fashion-mnist", "modular-addition", "sparse-parity"),
                    List.of());
    static final Vocabulary EVAL_SPLITS =
            new Vocabulary("split", List.of("test", "train"), List.of());
    static final Vocabulary OPTIMIZERS =
            new Vocabulary("optimizer", List.of("adam", "sgd"), List.of());
    static final Vocabulary ALIGNMENTS =
            new Vocabulary(
                    "alignment",
                    List.of("none", "weight-matching", "activation-matching", "orthogonal"),
                    List.of());
    static final Vocabulary WARM_STARTS =
            new Vocabulary("warm start", List.of("none", "activation-matching"), List.of());
    static final Vocabulary REPAIRS =
            new Vocabulary("repair", List.of("none", "reset", "repair"), List.of());
    static final Vocabulary PATHS = new Vocabulary("path", List.of("linear", "bezier"), List.of());
    static final Vocabulary METRICS =
            new Vocabulary(
                    "metric",
                    List.of("loss", "accuracy", "decomposition", "attribution", "cka"),
                    List.of());
    static final Vocabulary DEVICES =
            new Vocabulary("device", List.of("auto", "cpu", "gpu"), List.of());

    /** Reports {@code value} unless it is implemented; true when it is. Null is not checked. */
    boolean check(String path, String value, ProblemCollector problems) {
        if (value == null || implemented.contains(value)) {
            return value != null;
        }
        String available = String.join(", ", implemented);
        if (planned.contains(value)) {
            problems.add(path, value + " is not implemented yet (available: " + available + ")");
        } else {
            problems.add(
                    path,
                    "unknown " + noun + " " + value + " (expected one of: " + available + ")");
        }
        return false;
    }
}
