package dev.isthmus.api.validation;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks a location (checkpoint or run store): a plain path or a {@code file://} URI. */
final class LocationRules {

    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*)://(.*)$");

    private LocationRules() {}

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
