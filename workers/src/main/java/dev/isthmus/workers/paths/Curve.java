package dev.isthmus.workers.paths;

import dev.isthmus.api.validation.BadInputException;

/**
 * Loss and accuracy measured at each α along a path.
 *
 * @param alphas interpolation points, ascending, from 0 to 1
 * @param loss mean cross-entropy at each α
 * @param accuracy accuracy at each α
 */
public record Curve(double[] alphas, double[] loss, double[] accuracy) {
    public Curve {
        if (alphas.length < 2 || loss.length != alphas.length || accuracy.length != alphas.length) {
            throw new BadInputException(
                    "a curve needs >= 2 points and one loss and accuracy per alpha");
        }
    }

    public int size() {
        return alphas.length;
    }
}
