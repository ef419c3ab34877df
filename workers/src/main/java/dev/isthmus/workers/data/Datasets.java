package dev.isthmus.workers.data;

import dev.isthmus.api.spec.DatasetSpec;
import dev.isthmus.api.spec.SeedsSpec;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Builds the dataset a sweep names: applies the spec's defaults, then keeps the first {@code
 * trainExamples} training rows and a seeded subset of {@code evalExamples} evaluation rows.
 */
public final class Datasets {
    /** Fashion-MNIST per absolute folder, so parallel tasks in one JVM read the files once. */
    private static final ConcurrentMap<Path, Dataset> FASHION_MNIST = new ConcurrentHashMap<>();

    private Datasets() {}

    /**
     * Loads or generates the dataset; {@code seeds} may be null (all seeds 0). A relative {@code
     * spec.dataset.path} resolves against the working directory.
     */
    public static Dataset load(DatasetSpec spec, SeedsSpec seeds) {
        return load(spec, seeds, Path.of(""));
    }

    /**
     * As {@link #load(DatasetSpec, SeedsSpec)}, with a relative {@code spec.dataset.path} resolved
     * against {@code base}: the sweep file's folder, or a cluster pod's mounted volume claim, as
     * checkpoint paths are.
     */
    public static Dataset load(DatasetSpec spec, SeedsSpec seeds, Path base) {
        if (spec == null || spec.name() == null) {
            throw new DatasetException(
                    "spec.dataset.name: expected fashion-mnist, modular-addition,"
                            + " sparse-parity or tensors, got none");
        }
        long dataSeed = seeds == null || seeds.data() == null ? 0 : seeds.data();
        long evalSeed = seeds == null || seeds.eval() == null ? 0 : seeds.eval();
        boolean evalOnTrain = evalOnTrain(spec.evalSplit());
        Dataset full =
                switch (spec.name()) {
                    case FashionMnist.NAME -> fashionMnist(spec.path(), base);
                    case ModularAddition.NAME ->
                            ModularAddition.generate(
                                    or(spec.modulus(), ModularAddition.DEFAULT_MODULUS),
                                    spec.trainFraction() == null
                                            ? ModularAddition.DEFAULT_TRAIN_FRACTION
                                            : spec.trainFraction(),
                                    dataSeed);
                    case TensorsDataset.NAME -> TensorsDataset.load(spec, base);
                    case SparseParity.NAME ->
                            SparseParity.generate(
                                    or(spec.bits(), SparseParity.DEFAULT_BITS),
                                    or(spec.relevant(), SparseParity.DEFAULT_RELEVANT),
                                    or(spec.trainExamples(), SparseParity.DEFAULT_TRAIN_EXAMPLES),
                                    or(spec.evalExamples(), SparseParity.DEFAULT_TEST_EXAMPLES),
                                    dataSeed);
                    default ->
                            throw new DatasetException(
                                    "spec.dataset.name: expected fashion-mnist, modular-addition,"
                                            + " sparse-parity or tensors, got "
                                            + spec.name());
                };
        return restrict(full, spec.trainExamples(), spec.evalExamples(), evalOnTrain, evalSeed);
    }

    private static Dataset fashionMnist(String path, Path base) {
        Path folder = base.resolve(path == null ? FashionMnist.DEFAULT_PATH : path);
        return FASHION_MNIST.computeIfAbsent(
                folder.toAbsolutePath().normalize(), FashionMnist::load);
    }

    private static boolean evalOnTrain(String evalSplit) {
        if (evalSplit == null || evalSplit.equals("test")) {
            return false;
        }
        if (evalSplit.equals("train")) {
            return true;
        }
        throw new DatasetException(
                "spec.dataset.evalSplit: expected test or train, got " + evalSplit);
    }

    /**
     * Keeps the first {@code trainExamples} training rows, then evaluates on up to {@code
     * evalExamples} rows of the chosen split (the kept training rows, or the test split), chosen
     * with {@code evalSeed} and kept in ascending order.
     */
    static Dataset restrict(
            Dataset full,
            Integer trainExamples,
            Integer evalExamples,
            boolean evalOnTrain,
            long evalSeed) {
        Split train = full.train();
        String trainNote = train.size() + " train rows";
        if (trainExamples != null && trainExamples != train.size()) {
            if (trainExamples < 1 || trainExamples > train.size()) {
                throw new DatasetException(
                        "spec.dataset.trainExamples: expected 1.."
                                + train.size()
                                + " (the "
                                + full.name()
                                + " training split), got "
                                + trainExamples);
            }
            train = train.subset(Sampling.identity(trainExamples));
            trainNote = "the first " + trainExamples + " of " + full.train().size() + " train rows";
        }
        Split eval = evalOnTrain ? train : full.eval();
        String splitName = evalOnTrain ? "train" : "test";
        String evalNote = eval.size() + " " + splitName + " rows";
        if (evalExamples != null && evalExamples < 1) {
            throw new DatasetException(
                    "spec.dataset.evalExamples: expected at least 1, got " + evalExamples);
        }
        if (evalExamples != null && evalExamples < eval.size()) {
            int[] rows =
                    Sampling.sortedSample(
                            eval.size(), evalExamples, new SplittableRandom(evalSeed));
            evalNote =
                    evalExamples
                            + " of "
                            + eval.size()
                            + " "
                            + splitName
                            + " rows (eval seed "
                            + evalSeed
                            + ")";
            eval = eval.subset(rows);
        }
        String description =
                full.description() + "; training on " + trainNote + ", evaluating on " + evalNote;
        return new Dataset(full.name(), train, eval, full.features(), full.classes(), description);
    }

    private static int or(Integer value, int fallback) {
        return value == null ? fallback : value;
    }
}
