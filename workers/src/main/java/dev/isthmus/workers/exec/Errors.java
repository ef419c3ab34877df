package dev.isthmus.workers.exec;

/** Turns exceptions into the one-line messages users see. */
public final class Errors {
    private Errors() {}

    /** The message of {@code e}, or of its first cause that has one, on one line. */
    public static String oneLine(Throwable e) {
        Throwable t = e;
        while (t != null && (t.getMessage() == null || t.getMessage().isBlank())) t = t.getCause();
        String m = t == null ? e.getClass().getSimpleName() : t.getMessage();
        if (t != null && t.getCause() != null && t instanceof java.io.UncheckedIOException) {
            m = m + ": " + t.getCause().getMessage();
        }
        return m.replace('\n', ' ').strip();
    }
}
