package dev.isthmus.workers.merge;

import dev.isthmus.api.validation.BadInputException;
import java.util.List;

/** The weights of a merge: one non-negative finite number per member, normalised to sum to 1. */
public final class Weights {
    private Weights() {}

    /**
     * The normalised weights; uniform when {@code given} is null or empty.
     *
     * @param field what the weights are called in messages, such as {@code --weights}
     */
    public static double[] normalised(List<Double> given, int members, String field) {
        double[] w = new double[members];
        if (given == null || given.isEmpty()) {
            java.util.Arrays.fill(w, 1.0 / members);
            return w;
        }
        if (given.size() != members) {
            throw new BadInputException(
                    field
                            + ": expected "
                            + members
                            + " weights, one per checkpoint, got "
                            + given.size());
        }
        double sum = 0;
        for (int i = 0; i < members; i++) {
            double x = given.get(i);
            if (!Double.isFinite(x) || x < 0) {
                throw new BadInputException(
                        field
                                + ": weight "
                                + (i + 1)
                                + " is "
                                + x
                                + "; expected a finite number >= 0");
            }
            sum += x;
        }
        if (sum <= 0) {
            throw new BadInputException(field + ": the weights sum to 0; give one above 0");
        }
        for (int i = 0; i < members; i++) w[i] = given.get(i) / sum;
        return w;
    }
}
