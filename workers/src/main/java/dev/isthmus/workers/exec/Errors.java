package dev.isthmus.workers.exec;

/** Turns exceptions into the one-line messages users see, and tells bad input from failures. */
public final class Errors {
    private Errors() {}

    /**
     * Whether {@code e} comes from the input (spec, a bad value, checkpoint, dataset, a missing
     * file, or a seeded training that diverges again on every attempt): retrying cannot help, and
     * the CLI exits 2. A library's bare {@link IllegalArgumentException} is not bad input.
     */
    public static boolean badInput(Throwable e) {
        return e instanceof dev.isthmus.api.validation.SpecException
                || e instanceof dev.isthmus.api.validation.BadInputException
                || e instanceof dev.isthmus.workers.io.CheckpointException
                || e instanceof dev.isthmus.workers.data.DatasetException
                || e instanceof java.nio.file.NoSuchFileException
                || e instanceof dev.isthmus.workers.train.TrainingDivergedException;
    }

    /**
     * Whether another attempt may succeed: everything but bad input. The one rule by which {@link
     * LocalExecutor} retries and {@link TaskBatch} tells Argo to retry.
     */
    public static boolean retryable(Throwable e) {
        return !badInput(e);
    }

    /** The message of {@code e}, or of its first cause that has one, on one line. */
    public static String oneLine(Throwable e) {
        Throwable t = e;
        while (t != null && (t.getMessage() == null || t.getMessage().isBlank())) t = t.getCause();
        String m = t == null ? e.getClass().getSimpleName() : t.getMessage();
        if (t != null && t.getCause() != null && t instanceof java.io.UncheckedIOException) {
            String cause = t.getCause().getMessage();
            if (cause != null
                    && !m.toLowerCase(java.util.Locale.ROOT)
                            .contains(cause.toLowerCase(java.util.Locale.ROOT))) {
                m = m + ": " + cause;
            }
        }
        return m.replace('\n', ' ').strip();
    }
}
