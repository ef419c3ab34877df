package dev.isthmus.api.validation;

import dev.isthmus.api.spec.ModelSpec;
import dev.isthmus.api.spec.Names;
import java.util.List;
import java.util.Map;

/**
 * Checks {@code spec.model}: the architecture, the options that belong to it, and the
 * normalizations it supports.
 */
final class ModelRules {
    private static final String NONE = Names.Normalization.NONE.wire();
    private static final String BATCHNORM = Names.Normalization.BATCHNORM.wire();
    private static final String LAYERNORM = Names.Normalization.LAYERNORM.wire();

    private static final String PATH = "spec.model";

    /** Normalizations each architecture can be built with. */
    private static final Map<String, List<String>> NORMALIZATIONS =
            Map.of(
                    ModelSpec.MLP, List.of(NONE),
                    ModelSpec.RESNET, List.of(BATCHNORM, LAYERNORM, NONE),
                    ModelSpec.TRANSFORMER, List.of(LAYERNORM),
                    ModelSpec.ONNX, List.of());

    private ModelRules() {}

    static void check(ModelSpec model, ProblemCollector problems) {
        if (!problems.required(PATH, model)) {
            return;
        }
        String architecture = model.architecture();
        boolean known =
                problems.required(PATH + ".architecture", architecture)
                        && Vocabulary.ARCHITECTURES.check(
                                PATH + ".architecture", architecture, problems);
        boolean mlp = ModelSpec.MLP.equals(architecture);
        boolean resnet = ModelSpec.RESNET.equals(architecture);
        boolean transformer = ModelSpec.TRANSFORMER.equals(architecture);
        boolean onnx = ModelSpec.ONNX.equals(architecture);
        if (onnx && problems.required(PATH + ".file", model.file())) {
            if (model.file().isBlank()) {
                problems.add(PATH + ".file", "must name an ONNX file, got an empty string");
            } else {
                LocationRules.checkInput(PATH + ".file", model.file(), problems);
            }
        }
        onlyFor(known && !onnx, "file", model.file(), ModelSpec.ONNX, problems);
        List<Integer> hidden = model.hidden();
        if (mlp) {
            problems.required(PATH + ".hidden", hidden);
        }
        if (onlyFor(known && !mlp, "hidden", hidden, ModelSpec.MLP, problems)
                && problems.notEmpty(PATH + ".hidden", hidden)) {
            for (int i = 0; i < hidden.size(); i++) {
                problems.atLeast(ProblemCollector.at(PATH + ".hidden", i), hidden.get(i), 1);
            }
        }
        if (onlyFor(known && !resnet, "depth", model.depth(), ModelSpec.RESNET, problems)
                && model.depth() != null
                && (model.depth() < 8 || (model.depth() - 2) % 6 != 0)) {
            problems.add(
                    PATH + ".depth",
                    "must be 6n+2 with n >= 1 (8, 14, 20, 32, ...), got " + model.depth());
        }
        if (onlyFor(known && !resnet, "width", model.width(), ModelSpec.RESNET, problems)) {
            problems.between(PATH + ".width", model.width(), 1, 64);
        }
        checkTransformer(model, known && !transformer, problems);
        String normalization = model.normalization();
        if (onnx && normalization != null) {
            problems.add(
                    PATH + ".normalization",
                    "an onnx graph brings its own normalization layers; remove this field");
        } else if (Vocabulary.NORMALIZATIONS.check(PATH + ".normalization", normalization, problems)
                && known
                && !NORMALIZATIONS.get(architecture).contains(normalization)) {
            problems.add(
                    PATH + ".normalization",
                    architecture
                            + " supports "
                            + String.join(", ", NORMALIZATIONS.get(architecture))
                            + ", got "
                            + normalization);
        }
    }

    private static void checkTransformer(
            ModelSpec model, boolean misplaced, ProblemCollector problems) {
        String t = ModelSpec.TRANSFORMER;
        if (onlyFor(misplaced, "layers", model.layers(), t, problems)) {
            problems.between(PATH + ".layers", model.layers(), 1, 64);
        }
        if (onlyFor(misplaced, "heads", model.heads(), t, problems)) {
            problems.between(PATH + ".heads", model.heads(), 1, 256);
        }
        if (onlyFor(misplaced, "dModel", model.dModel(), t, problems)) {
            problems.atLeast(PATH + ".dModel", model.dModel(), 1);
        }
        if (onlyFor(misplaced, "dMlp", model.dMlp(), t, problems)) {
            problems.atLeast(PATH + ".dMlp", model.dMlp(), 1);
        }
        Integer heads = model.heads();
        Integer dModel = model.dModel();
        if (!misplaced && heads != null && dModel != null && heads > 0 && dModel % heads != 0) {
            problems.add(
                    PATH + ".dModel", "must be a multiple of heads (" + heads + "), got " + dModel);
        }
    }

    /** Reports an option set on the wrong architecture; true when the option may be checked. */
    private static boolean onlyFor(
            boolean misplaced,
            String field,
            Object value,
            String architecture,
            ProblemCollector problems) {
        if (misplaced && value != null) {
            problems.add(PATH + "." + field, "applies only to " + architecture);
            return false;
        }
        return true;
    }
}
