package dev.isthmus.api.validation;

import dev.isthmus.api.spec.AlignmentSpec;
import dev.isthmus.api.spec.MetricSpec;
import dev.isthmus.api.spec.ModelSpec;
import dev.isthmus.api.spec.PathSpec;
import dev.isthmus.api.spec.SweepSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** Checks what is measured: {@code alignments}, {@code paths}, {@code alphas}, {@code metrics}. */
final class MeasurementRules {

    static final int MAX_ALPHAS = 1001;
    private static final String BEZIER = PathSpec.BEZIER;

    /** Architectures whose hidden layers REPAIR can rescale. */
    private static final List<String> REPAIRABLE = List.of(ModelSpec.MLP);

    private MeasurementRules() {}

    static void check(SweepSpec spec, ProblemCollector problems) {
        checkNames(
                "spec.alignments",
                spec.alignments(),
                AlignmentSpec::type,
                Vocabulary.ALIGNMENTS,
                problems);
        checkAlignmentOptions(spec.alignments(), problems);
        ArchitectureRules.checkAlignments(spec, problems);
        checkPaths(spec.paths(), spec.model(), problems);
        problems.between("spec.alphas", spec.alphas(), 2, MAX_ALPHAS);
        checkNames("spec.metrics", spec.metrics(), MetricSpec::type, Vocabulary.METRICS, problems);
        checkMetricOptions(spec.metrics(), problems);
    }

    /** A non-empty list of distinct, implemented names. */
    private static <T> void checkNames(
            String path,
            List<T> values,
            Function<T, String> name,
            Vocabulary vocabulary,
            ProblemCollector problems) {
        if (!problems.notEmpty(path, values)) {
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i) == null ? null : name.apply(values.get(i));
            if (value == null) {
                continue;
            }
            String elementPath = ProblemCollector.at(path, i);
            if (!seen.add(value)) {
                problems.add(elementPath, "duplicate " + vocabulary.noun() + " " + value);
            } else {
                vocabulary.check(elementPath, value, problems);
            }
        }
    }

    static final int MAX_SWEEPS = 10_000;

    /** Each restart is a whole descent; past a few dozen they stop finding better optima. */
    static final int MAX_RESTARTS = 1_000;

    /** An ensemble of more points costs a forward pass each and tells nothing new. */
    static final int MAX_ENSEMBLE_POINTS = 101;

    static final int MIN_RESAMPLES = 100;
    static final int MAX_RESAMPLES = 100_000;

    /**
     * Options belong to one metric each: examples to cka, resamples and level to confidence,
     * linkage and threshold to basins, points to ensemble.
     */
    private static void checkMetricOptions(List<MetricSpec> metrics, ProblemCollector problems) {
        if (metrics == null) {
            return;
        }
        for (int i = 0; i < metrics.size(); i++) {
            MetricSpec m = metrics.get(i);
            if (m == null || m.type() == null) {
                continue;
            }
            String at = ProblemCollector.at("spec.metrics", i);
            if (only(at + ".examples", m.examples(), m, MetricSpec.CKA, problems)) {
                problems.between(at + ".examples", m.examples(), 4, 100_000);
            }
            if (only(at + ".resamples", m.resamples(), m, MetricSpec.CONFIDENCE, problems)) {
                problems.between(at + ".resamples", m.resamples(), MIN_RESAMPLES, MAX_RESAMPLES);
            }
            if (only(at + ".level", m.level(), m, MetricSpec.CONFIDENCE, problems)
                    && m.level() != null
                    && !(m.level() > 0 && m.level() < 1)) {
                problems.add(
                        at + ".level",
                        "must be a number between 0 and 1 (exclusive), e.g. 0.95, got "
                                + ProblemCollector.show(m.level()));
            }
            if (only(at + ".linkage", m.linkage(), m, MetricSpec.BASINS, problems)) {
                Vocabulary.LINKAGES.check(at + ".linkage", m.linkage(), problems);
            }
            if (only(at + ".threshold", m.threshold(), m, MetricSpec.BASINS, problems)
                    && m.threshold() != null
                    && !(m.threshold() >= 0 && Double.isFinite(m.threshold()))) {
                problems.add(
                        at + ".threshold",
                        "must be a finite number of nats >= 0, got "
                                + ProblemCollector.show(m.threshold()));
            }
            if (only(at + ".points", m.points(), m, MetricSpec.ENSEMBLE, problems)) {
                problems.between(at + ".points", m.points(), 2, MAX_ENSEMBLE_POINTS);
            }
        }
    }

    /** False (and a problem) when {@code value} is given on a metric other than {@code owner}. */
    private static boolean only(
            String where, Object value, MetricSpec m, String owner, ProblemCollector problems) {
        if (value != null && !owner.equals(m.type())) {
            problems.add(where, "applies only to " + owner);
            return false;
        }
        return true;
    }

    /** Options belong to one method each: maxSweeps and warmStart to weight matching, etc. */
    private static void checkAlignmentOptions(
            List<AlignmentSpec> alignments, ProblemCollector problems) {
        if (alignments == null) {
            return;
        }
        for (int i = 0; i < alignments.size(); i++) {
            AlignmentSpec a = alignments.get(i);
            if (a == null || a.type() == null) {
                continue;
            }
            String where = ProblemCollector.at("spec.alignments", i);
            boolean wm = AlignmentSpec.WEIGHT_MATCHING.equals(a.type());
            if (a.maxSweeps() != null && !wm) {
                problems.add(where + ".maxSweeps", "applies only to weight-matching");
            } else {
                problems.between(where + ".maxSweeps", a.maxSweeps(), 1, MAX_SWEEPS);
            }
            if (a.restarts() != null && !wm) {
                problems.add(where + ".restarts", "applies only to weight-matching");
            } else {
                problems.between(where + ".restarts", a.restarts(), 1, MAX_RESTARTS);
            }
            if (a.warmStart() != null && !wm) {
                problems.add(where + ".warmStart", "applies only to weight-matching");
            } else {
                Vocabulary.WARM_STARTS.check(where + ".warmStart", a.warmStart(), problems);
            }
            if (a.examples() != null && !a.usesActivations()) {
                problems.add(
                        where + ".examples",
                        "applies only to activation-matching (or a weight-matching warm start"
                                + " from it)");
            } else {
                problems.atLeast(where + ".examples", a.examples(), 2);
            }
        }
    }

    private static void checkPaths(
            List<PathSpec> paths, ModelSpec model, ProblemCollector problems) {
        if (!problems.notEmpty("spec.paths", paths)) {
            return;
        }
        Set<PathSpec> seen = new HashSet<>();
        for (int i = 0; i < paths.size(); i++) {
            PathSpec path = paths.get(i);
            if (path == null) {
                continue;
            }
            String where = ProblemCollector.at("spec.paths", i);
            if (problems.required(where + ".type", path.type())) {
                if (!seen.add(path)) {
                    problems.add(where, "duplicate path " + path.type());
                } else {
                    Vocabulary.PATHS.check(where + ".type", path.type(), problems);
                }
            }
            if (path.epochs() != null && path.type() != null && !BEZIER.equals(path.type())) {
                problems.add(where + ".epochs", "applies only to " + BEZIER);
            } else {
                problems.atLeast(where + ".epochs", path.epochs(), 1);
            }
            Double lr = path.learningRate();
            if (lr != null && path.type() != null && !BEZIER.equals(path.type())) {
                problems.add(where + ".learningRate", "applies only to " + BEZIER);
            } else if (lr != null && !(lr > 0 && Double.isFinite(lr))) {
                problems.add(
                        where + ".learningRate",
                        "must be a finite number > 0, got " + ProblemCollector.show(lr));
            }
            checkRepair(where + ".repair", path.repair(), model, problems);
        }
    }

    /** {@code reset} recomputes BatchNorm statistics, so the model must have BatchNorm. */
    static void checkRepair(
            String where, String repair, ModelSpec model, ProblemCollector problems) {
        if (!Vocabulary.REPAIRS.check(where, repair, problems)
                || model == null
                || model.architecture() == null) {
            return;
        }
        if (PathSpec.REPAIR_REPAIR.equals(repair) && !REPAIRABLE.contains(model.architecture())) {
            problems.add(
                    where,
                    "repair rescales the hidden layers of "
                            + String.join(" or ", REPAIRABLE)
                            + " models, got architecture "
                            + model.architecture());
        }
        if (PathSpec.REPAIR_RESET.equals(repair) && !model.hasBatchNorm()) {
            problems.add(
                    where,
                    "reset recomputes BatchNorm statistics, but spec.model has normalization "
                            + (model.normalization() == null ? "none" : model.normalization())
                            + (REPAIRABLE.contains(model.architecture())
                                    ? " (use none or repair)"
                                    : " (use none)"));
        }
    }
}
