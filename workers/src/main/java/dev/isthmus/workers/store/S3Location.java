package dev.isthmus.workers.store;

import dev.isthmus.api.validation.BadInputException;
import java.util.Locale;

/**
 * A store written as {@code s3://bucket/prefix}: the bucket and the key prefix (no leading or
 * trailing slash; may be empty).
 */
record S3Location(String bucket, String prefix) {

    private static final String SCHEME = "s3://";

    /** The parsed location, or null when {@code store} is not an {@code s3://} URI. */
    static S3Location parse(String store) {
        if (store == null || !store.toLowerCase(Locale.ROOT).startsWith(SCHEME)) {
            return null;
        }
        String rest = store.substring(SCHEME.length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String prefix = slash < 0 ? "" : rest.substring(slash + 1);
        while (prefix.endsWith("/")) prefix = prefix.substring(0, prefix.length() - 1);
        if (bucket.isEmpty()) {
            throw new BadInputException(store + ": expected s3://bucket/prefix");
        }
        return new S3Location(bucket, prefix);
    }
}
