package dev.isthmus.api.validation;

/**
 * Input a user can fix (a command-line value, a file, a tensor, a sweep field) was wrong: retrying
 * fails the same way, so the CLI exits 2 and a pod tells Argo not to retry. Thrown instead of a
 * bare {@link IllegalArgumentException}, which from a library says nothing about whose input it
 * was; it extends it so that callers catching that keep working.
 */
public class BadInputException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
