package dev.isthmus.workers.store;

import dev.isthmus.api.validation.BadInputException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Turns a location from a spec (a path, or {@code file://} followed by a path) into a file path.
 * {@code file:///abs/x} is absolute; {@code file://x} and {@code x} are relative to a base folder.
 * The text after the scheme is taken literally (no percent-decoding), as users write it.
 */
public final class Locations {
    private static final String FILE = "file://";

    private Locations() {}

    public static Path resolve(String location, Path base) {
        String path = location;
        if (location.toLowerCase(Locale.ROOT).startsWith(FILE)) {
            path = location.substring(FILE.length());
        } else if (location.contains("://")) {
            throw new BadInputException(
                    location + ": only paths and file:// locations are supported");
        }
        return base.resolve(path.isEmpty() ? "." : path).toAbsolutePath().normalize();
    }
}
