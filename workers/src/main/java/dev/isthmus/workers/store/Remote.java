package dev.isthmus.workers.store;

import java.nio.file.Path;

/**
 * Object storage behind a run store: whole objects addressed by key, each written at once, so a
 * reader sees a complete object or none (S3's PUT semantics).
 */
public interface Remote {

    /** The store's address for messages, e.g. {@code s3://bucket/prefix/sweep}. */
    String describe(String key);

    boolean exists(String key);

    /** Copies the object to {@code target}; false when there is no such object. */
    boolean download(String key, Path target);

    void upload(String key, Path source);

    void delete(String key);
}
