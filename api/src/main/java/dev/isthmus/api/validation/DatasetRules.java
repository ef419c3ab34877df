package dev.isthmus.api.validation;

import dev.isthmus.api.spec.DatasetSpec;
import dev.isthmus.api.spec.Names;

/**
 * Checks {@code spec.dataset}. Some fields belong to one dataset; setting them for another is an
 * error rather than silently ignored.
 */
final class DatasetRules {

    private static final String PATH = "spec.dataset";
    private static final String FASHION_MNIST = Names.Dataset.FASHION_MNIST.wire();
    private static final String MODULAR_ADDITION = Names.Dataset.MODULAR_ADDITION.wire();
    private static final String SPARSE_PARITY = Names.Dataset.SPARSE_PARITY.wire();
    private static final String TENSORS = Names.Dataset.TENSORS.wire();
    private static final int DEFAULT_BITS = 40;

    private DatasetRules() {}

    static void check(DatasetSpec dataset, ProblemCollector problems) {
        if (!problems.required(PATH, dataset)) {
            return;
        }
        String name = dataset.name();
        boolean known =
                problems.required(PATH + ".name", name)
                        && Vocabulary.DATASETS.check(PATH + ".name", name, problems);
        if (applies(known, name, FASHION_MNIST, PATH + ".path", dataset.path(), problems)
                && dataset.path().isBlank()) {
            problems.add(PATH + ".path", "must not be empty");
        }
        problems.atLeast(PATH + ".trainExamples", dataset.trainExamples(), 1);
        problems.atLeast(PATH + ".evalExamples", dataset.evalExamples(), 1);
        Vocabulary.EVAL_SPLITS.check(PATH + ".evalSplit", dataset.evalSplit(), problems);
        if (applies(
                known, name, MODULAR_ADDITION, PATH + ".modulus", dataset.modulus(), problems)) {
            problems.atLeast(PATH + ".modulus", dataset.modulus(), 2);
        }
        Double fraction = dataset.trainFraction();
        if (applies(known, name, MODULAR_ADDITION, PATH + ".trainFraction", fraction, problems)
                && !(fraction > 0 && fraction < 1)) {
            problems.add(
                    PATH + ".trainFraction",
                    "must be in (0, 1), got " + ProblemCollector.show(fraction));
        }
        checkParity(known, dataset, problems);
        checkFiles(known, dataset, problems);
    }

    /** A tensors dataset's files: the training split always, the evaluation split unless train. */
    private static void checkFiles(boolean known, DatasetSpec dataset, ProblemCollector problems) {
        boolean tensors = known && TENSORS.equals(dataset.name());
        if (tensors) problems.required(PATH + ".trainFile", dataset.trainFile());
        boolean onTrain = Names.EvalSplit.TRAIN.wire().equals(dataset.evalSplit());
        if (tensors && !onTrain && dataset.evalFile() == null) {
            problems.add(
                    PATH + ".evalFile",
                    "is required (the evaluation split), unless evalSplit is train");
        }
        if (tensors && onTrain && dataset.evalFile() != null) {
            problems.add(
                    PATH + ".evalFile",
                    "evalSplit is train, so paths are evaluated on trainFile; remove this field");
        }
        String[][] files = {
            {PATH + ".trainFile", dataset.trainFile()}, {PATH + ".evalFile", dataset.evalFile()}
        };
        for (String[] f : files) {
            if (applies(known, dataset.name(), TENSORS, f[0], f[1], problems)
                    && LocationRules.checkInput(f[0], f[1], problems)
                    && !f[1].endsWith(".safetensors")) {
                problems.add(f[0], "must end with .safetensors, got " + f[1]);
            }
        }
    }

    private static void checkParity(boolean known, DatasetSpec dataset, ProblemCollector problems) {
        String name = dataset.name();
        Integer bits = dataset.bits();
        if (applies(known, name, SPARSE_PARITY, PATH + ".bits", bits, problems)) {
            problems.atLeast(PATH + ".bits", bits, 1);
        }
        Integer relevant = dataset.relevant();
        if (applies(known, name, SPARSE_PARITY, PATH + ".relevant", relevant, problems)) {
            int effectiveBits = bits == null ? DEFAULT_BITS : bits;
            if (relevant < 1) {
                problems.atLeast(PATH + ".relevant", relevant, 1);
            } else if (effectiveBits >= 1 && relevant > effectiveBits) {
                problems.add(
                        PATH + ".relevant",
                        "must be <= bits (" + effectiveBits + "), got " + relevant);
            }
        }
    }

    /**
     * True when {@code value} is set and belongs to the chosen dataset; reports it when it belongs
     * to another. An unknown dataset name is reported once, by the caller, and nothing else here.
     */
    private static boolean applies(
            boolean known,
            String name,
            String owner,
            String path,
            Object value,
            ProblemCollector problems) {
        if (value == null || !known) {
            return false;
        }
        if (!owner.equals(name)) {
            problems.add(path, "applies only to " + owner);
            return false;
        }
        return true;
    }
}
