package dev.isthmus.api.validation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Gathers problems in document order, with the small checks every section shares. Problems under a
 * path that already failed the structural check are dropped, so a value of the wrong type is
 * reported once, not again as "is required".
 */
final class ProblemCollector {

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final int DNS_LABEL_MAX = 63;

    private final List<Problem> problems = new ArrayList<>();
    private final Set<String> rejected = new HashSet<>();

    /** Records a structural problem; later problems at or under {@code path} are dropped. */
    void reject(String path, String message) {
        problems.add(new Problem(path, message));
        rejected.add(path);
    }

    void add(String path, String message) {
        if (!isUnderRejected(path)) {
            problems.add(new Problem(path, message));
        }
    }

    List<Problem> problems() {
        return List.copyOf(problems);
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    /** Reports a missing value; true when it is present. */
    boolean required(String path, Object value) {
        if (value == null) {
            add(path, "is required");
            return false;
        }
        return true;
    }

    /** Reports an empty list; true when the list is present and has elements. */
    boolean notEmpty(String path, List<?> list) {
        if (list != null && list.isEmpty()) {
            add(path, "must not be empty");
            return false;
        }
        return list != null;
    }

    void atLeast(String path, Number value, long min) {
        if (value != null && value.longValue() < min) {
            add(path, "must be >= " + min + ", got " + value);
        }
    }

    void atMost(String path, Number value, long max) {
        if (value != null && value.longValue() > max) {
            add(path, "must be <= " + max + ", got " + value);
        }
    }

    void between(String path, Number value, long min, long max) {
        atLeast(path, value, min);
        atMost(path, value, max);
    }

    /** Reports a DNS-1123 label violation (Kubernetes object names). */
    void dnsLabel(String path, String value) {
        if (value == null) {
            return;
        }
        if (value.isEmpty()) {
            add(path, "must not be empty");
        } else if (value.length() > DNS_LABEL_MAX) {
            add(path, "must be at most 63 characters, got " + value.length());
        } else if (!DNS_LABEL.matcher(value).matches()) {
            add(
                    path,
                    "must be a DNS-1123 label (lower case letters, digits and '-', starting and"
                            + " ending with a letter or digit), got "
                            + value);
        }
    }

    /** A number as a user would write it: {@code 0.001}, not {@code 1.0E-3}. */
    static String show(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    static String at(String path, int index) {
        return path + "[" + index + "]";
    }

    private boolean isUnderRejected(String path) {
        for (String p = path; p != null; p = parent(p)) {
            if (rejected.contains(p)) {
                return true;
            }
        }
        return false;
    }

    private static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut <= 0 ? null : path.substring(0, cut);
    }
}
