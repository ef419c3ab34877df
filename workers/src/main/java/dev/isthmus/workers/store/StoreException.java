package dev.isthmus.workers.store;

/** The run store could not be read or written (a network or permission problem, not bad input). */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
