package dev.isthmus.api.validation;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks a location (checkpoint or run store): a plain path or a {@code file://} URI. */
final class LocationRules {

    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*)://(.*)$");
    private static final Pattern S3 = Pattern.compile("^s3://([^/]*)(/.*)?$");
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    private LocationRules() {}

    /**
     * Checks a run store: a folder, a {@code file://} URI, or {@code s3://bucket/prefix} (an S3
     * bucket name and an optional key prefix).
     */
    static void checkStore(String path, String location, ProblemCollector problems) {
        Matcher s3 = S3.matcher(location);
        if (!s3.matches()) {
            check(path, location, "a folder path", problems);
            return;
        }
        String bucket = s3.group(1);
        if (!BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
            problems.add(
                    path,
                    "s3:// must be followed by a bucket name (3-63 lower case letters, digits,"
                            + " '.' and '-'), got "
                            + (bucket.isEmpty() ? "nothing" : bucket));
        }
        String prefix = s3.group(2);
        if (prefix != null && (prefix.contains("//") || prefix.contains("/../"))) {
            problems.add(path, "the key prefix must not contain empty or .. segments");
        }
    }

    /**
     * Reports a blank location or an unusable scheme; true when the location can be used.
     *
     * @param what how a plain path is described in messages ("a path", "a folder path")
     */
    static boolean check(String path, String location, String what, ProblemCollector problems) {
        if (location.isBlank()) {
            problems.add(path, "must not be empty");
            return false;
        }
        Matcher matcher = SCHEME.matcher(location);
        if (!matcher.matches()) {
            return true;
        }
        String scheme = matcher.group(1).toLowerCase(Locale.ROOT) + "://";
        if (scheme.equals("file://")) {
            if (matcher.group(2).isEmpty()) {
                problems.add(path, "file:// must be followed by " + what);
                return false;
            }
            return true;
        }
        if (scheme.equals("s3://")) {
            problems.add(path, "s3:// is not implemented yet (available: " + what + " or file://)");
        } else {
            problems.add(
                    path, "unsupported scheme " + scheme + " (expected " + what + " or file://)");
        }
        return false;
    }
}
