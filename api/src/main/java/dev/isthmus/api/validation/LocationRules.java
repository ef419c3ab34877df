package dev.isthmus.api.validation;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a location: a plain path or a {@code file://} URI; for a run store also {@code
 * s3://bucket/prefix}, and for an input file (a checkpoint, an ONNX graph) {@code s3://bucket/key}.
 */
final class LocationRules {

    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*)://(.*)$");
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    private LocationRules() {}

    /**
     * Reports a blank location or an unusable scheme; true when the location can be used.
     *
     * @param what how a plain path is described in messages ("a path", "a folder path")
     */
    static boolean check(String path, String location, String what, ProblemCollector problems) {
        return check(path, location, what, false, problems);
    }

    /** Like {@link #check(String, String, String, ProblemCollector)}, also accepting s3://. */
    static boolean checkStore(String path, String location, ProblemCollector problems) {
        return check(path, location, "a folder path", true, problems);
    }

    /**
     * Like {@link #check(String, String, String, ProblemCollector)} for a file to read, also
     * accepting {@code s3://bucket/key} (a key naming an object, not a folder).
     */
    static boolean checkInput(String path, String location, ProblemCollector problems) {
        if (!check(path, location, "a path", true, problems)) return false;
        if (!isS3(location)) return true;
        String rest = location.substring("s3://".length());
        int slash = rest.indexOf('/');
        if (slash < 0 || slash == rest.length() - 1 || rest.endsWith("/")) {
            problems.add(path, "expected s3://bucket/key naming one object, got " + location);
            return false;
        }
        return true;
    }

    /** Whether a location names an object store rather than a file system path. */
    static boolean isS3(String location) {
        return location != null && location.toLowerCase(Locale.ROOT).startsWith("s3://");
    }

    private static boolean check(
            String path, String location, String what, boolean s3, ProblemCollector problems) {
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
        if (scheme.equals("s3://") && s3) {
            return checkBucket(path, matcher.group(2), problems);
        }
        if (scheme.equals("s3://")) {
            problems.add(path, "s3:// is not implemented yet (available: " + what + " or file://)");
        } else {
            String expected = what + (s3 ? ", file:// or s3://" : " or file://");
            problems.add(path, "unsupported scheme " + scheme + " (expected " + expected + ")");
        }
        return false;
    }

    private static boolean checkBucket(String path, String rest, ProblemCollector problems) {
        String bucket = rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest;
        if (bucket.isEmpty()) {
            problems.add(path, "s3:// must be followed by a bucket name");
            return false;
        }
        if (!BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
            problems.add(
                    path,
                    "bucket name must be 3 to 63 lower case letters, digits, '.' and '-', got "
                            + bucket);
            return false;
        }
        String prefix = rest.contains("/") ? rest.substring(rest.indexOf('/')) : "";
        if (prefix.contains("//") || (prefix + "/").contains("/../")) {
            problems.add(path, "the key prefix must not contain empty or .. segments");
            return false;
        }
        return true;
    }
}
