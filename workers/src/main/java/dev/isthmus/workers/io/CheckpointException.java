package dev.isthmus.workers.io;

import java.nio.file.Path;

/**
 * A checkpoint that cannot be read, written or used; the message starts with the file (or other
 * source), then the tensor when one is at fault, then what was expected.
 */
public class CheckpointException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A problem with the source as a whole, e.g. {@code /x/a.safetensors: truncated: ...}. */
    public CheckpointException(String source, String detail) {
        super(source + ": " + detail);
    }

    /** A problem with the file as a whole, caused by {@code cause}. */
    public CheckpointException(Path file, String detail, Throwable cause) {
        super(file + ": " + detail, cause);
    }

    /** A problem with the file as a whole. */
    public CheckpointException(Path file, String detail) {
        this(file.toString(), detail);
    }

    /** A problem with one tensor, e.g. {@code /x/a.safetensors: tensor fc.weight: ...}. */
    public CheckpointException(Path file, String tensor, String detail) {
        this(file.toString(), "tensor " + tensor + ": " + detail);
    }
}
