package dev.isthmus.api.validation;

import dev.isthmus.api.spec.TrainSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Checks {@code spec.endpoints.train}: seeds and optimizer settings. */
final class TrainRules {

    private TrainRules() {}

    static void check(TrainSpec train, String path, ProblemCollector problems) {
        checkSeeds(train.seeds(), path + ".seeds", problems);
        problems.atLeast(path + ".epochs", train.epochs(), 1);
        String optimizer = train.optimizer();
        Vocabulary.OPTIMIZERS.check(path + ".optimizer", optimizer, problems);
        Double learningRate = train.learningRate();
        if (learningRate != null && !(learningRate > 0)) {
            problems.add(
                    path + ".learningRate",
                    "must be > 0, got " + ProblemCollector.show(learningRate));
        } else if (learningRate != null && learningRate.isInfinite()) {
            problems.add(path + ".learningRate", "must be finite, got " + learningRate);
        }
        problems.atLeast(path + ".batchSize", train.batchSize(), 1);
        Double momentum = train.momentum();
        if (momentum != null && (optimizer == null || optimizer.equals("adam"))) {
            problems.add(path + ".momentum", "applies only to sgd");
        } else if (momentum != null && !(momentum >= 0 && momentum < 1)) {
            problems.add(
                    path + ".momentum",
                    "must be in [0, 1), got " + ProblemCollector.show(momentum));
        }
        Double weightDecay = train.weightDecay();
        if (weightDecay != null && !(weightDecay >= 0 && weightDecay < Double.POSITIVE_INFINITY)) {
            problems.add(
                    path + ".weightDecay",
                    "must be a finite number >= 0, got " + ProblemCollector.show(weightDecay));
        }
    }

    private static void checkSeeds(List<Long> seeds, String path, ProblemCollector problems) {
        if (!problems.required(path, seeds) || !problems.notEmpty(path, seeds)) {
            return;
        }
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < seeds.size(); i++) {
            Long seed = seeds.get(i);
            if (seed == null) {
                continue;
            }
            if (seed < 0) {
                problems.atLeast(ProblemCollector.at(path, i), seed, 0);
            } else if (!seen.add(seed)) {
                problems.add(ProblemCollector.at(path, i), "duplicate seed " + seed);
            }
        }
    }
}
