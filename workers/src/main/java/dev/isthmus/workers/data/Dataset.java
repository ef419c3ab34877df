package dev.isthmus.workers.data;

import dev.isthmus.api.validation.BadInputException;

/**
 * A dataset ready for training: the training split, the split paths are evaluated on ({@code eval}:
 * the test split by default, or the training split), and a human-readable description.
 */
public record Dataset(
        String name, Split train, Split eval, int features, int classes, String description) {

    public Dataset {
        if (train.features() != features || eval.features() != features) {
            throw new BadInputException(
                    name
                            + ": expected "
                            + features
                            + " features in both splits, got "
                            + train.features()
                            + " (train) and "
                            + eval.features()
                            + " (eval)");
        }
        if (classes < 2) {
            throw new BadInputException(name + ": expected at least 2 classes, got " + classes);
        }
    }
}
