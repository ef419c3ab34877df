package dev.isthmus.workers.data;

/** A dataset could not be built: bad spec values, or missing or malformed data files. */
public class DatasetException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DatasetException(String message) {
        super(message);
    }

    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
