package dev.isthmus.api.validation;

import dev.isthmus.api.spec.Names;
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

    static final Vocabulary ARCHITECTURES = of("architecture", Names.Architecture.class);
    static final Vocabulary NORMALIZATIONS = of("normalization", Names.Normalization.class);
    static final Vocabulary DATASETS = of("dataset", Names.Dataset.class);
    static final Vocabulary EVAL_SPLITS = of("split", Names.EvalSplit.class);
    static final Vocabulary OPTIMIZERS = of("optimizer", Names.Optimizer.class);
    static final Vocabulary ALIGNMENTS = of("alignment", Names.Alignment.class);
    static final Vocabulary MERGE_ALIGNMENTS = of("merge alignment", Names.MergeAlignment.class);
    static final Vocabulary WARM_STARTS = of("warm start", Names.WarmStart.class);
    static final Vocabulary REPAIRS = of("repair", Names.Repair.class);
    static final Vocabulary PATHS = of("path", Names.Path.class);
    static final Vocabulary METRICS = of("metric", Names.Metric.class);
    static final Vocabulary LINKAGES = of("linkage", Names.Linkage.class);
    static final Vocabulary DEVICES = of("device", Names.Device.class);

    /** Every word of an enum, all implemented. */
    static <E extends Enum<E> & Names.Word> Vocabulary of(String noun, Class<E> words) {
        return new Vocabulary(noun, Names.of(words), List.of());
    }

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
