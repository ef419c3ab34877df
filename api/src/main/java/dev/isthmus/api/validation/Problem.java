package dev.isthmus.api.validation;

/**
 * One thing wrong with a sweep document.
 *
 * @param path where, e.g. {@code spec.pairs[0][1]}
 * @param message what is wrong, one sentence in lower case
 */
public record Problem(String path, String message) {

    @Override
    public String toString() {
        return path + ": " + message;
    }
}
