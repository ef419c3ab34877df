package dev.isthmus.workers.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SHA-256 fingerprints of files, cached per path, size and modification time, so that checking many
 * tasks' manifests reads each file once. Safe for concurrent tasks.
 */
public final class Fingerprints {
    /** The fingerprint of a file that does not exist (or is not a regular file). */
    public static final String MISSING = "missing";

    private final Map<String, String> cache = new ConcurrentHashMap<>();

    /** Hex SHA-256 of {@code file}'s bytes, or {@link #MISSING} if it is absent. */
    public String of(Path file) {
        try {
            if (!Files.isRegularFile(file)) return MISSING;
            String stamp =
                    file.toAbsolutePath()
                            + "|"
                            + Files.size(file)
                            + "|"
                            + Files.getLastModifiedTime(file).toMillis();
            return cache.computeIfAbsent(stamp, k -> sha256(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
