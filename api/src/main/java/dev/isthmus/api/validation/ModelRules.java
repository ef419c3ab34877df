package dev.isthmus.api.validation;

import dev.isthmus.api.spec.ModelSpec;
import java.util.List;

/** Checks {@code spec.model}: architecture, hidden widths and normalization. */
final class ModelRules {

    private static final String PATH = "spec.model";

    private ModelRules() {}

    static void check(ModelSpec model, ProblemCollector problems) {
        if (!problems.required(PATH, model)) {
            return;
        }
        String architecture = model.architecture();
        if (problems.required(PATH + ".architecture", architecture)) {
            Vocabulary.ARCHITECTURES.check(PATH + ".architecture", architecture, problems);
        }
        List<Integer> hidden = model.hidden();
        if ("mlp".equals(architecture)) {
            problems.required(PATH + ".hidden", hidden);
        }
        if (problems.notEmpty(PATH + ".hidden", hidden)) {
            for (int i = 0; i < hidden.size(); i++) {
                problems.atLeast(ProblemCollector.at(PATH + ".hidden", i), hidden.get(i), 1);
            }
        }
        Vocabulary.NORMALIZATIONS.check(PATH + ".normalization", model.normalization(), problems);
    }
}
