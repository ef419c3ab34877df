package dev.isthmus.api.validation;

import java.util.List;
import java.util.Locale;

/**
 * Checks a cron expression the way Argo's CronWorkflow reads it (the robfig/cron standard parser):
 * five fields, each {@code *}, a value, a range {@code a-b} or a list of them, optionally with a
 * step {@code /n}; month and weekday names ({@code JAN}, {@code MON}); {@code ?} for either day
 * field; or a descriptor such as {@code @daily}.
 */
final class CronExpression {

    private record Field(String name, int min, int max, List<String> names, boolean question) {}

    private static final List<String> MONTHS =
            List.of(
                    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV",
                    "DEC");
    private static final List<String> DAYS =
            List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
    private static final List<Field> FIELDS =
            List.of(
                    new Field("minute", 0, 59, List.of(), false),
                    new Field("hour", 0, 23, List.of(), false),
                    new Field("day-of-month", 1, 31, List.of(), true),
                    new Field("month", 1, 12, MONTHS, false),
                    new Field("day-of-week", 0, 6, DAYS, true));
    private static final List<String> DESCRIPTORS =
            List.of(
                    "@yearly",
                    "@annually",
                    "@monthly",
                    "@weekly",
                    "@daily",
                    "@midnight",
                    "@hourly");

    private CronExpression() {}

    /** What is wrong with {@code expression}, as the end of a sentence; null when it is valid. */
    static String problem(String expression) {
        String text = expression.strip();
        if (text.startsWith("@")) {
            return DESCRIPTORS.contains(text.toLowerCase(Locale.ROOT))
                    ? null
                    : "unknown descriptor "
                            + text
                            + " (expected "
                            + String.join(", ", DESCRIPTORS)
                            + " or 5 fields)";
        }
        String[] parts = text.isEmpty() ? new String[0] : text.split("\\s+");
        String where = " in \"" + expression + "\"";
        if (parts.length != FIELDS.size()) {
            return "expected 5 fields (minute hour day-of-month month day-of-week), got "
                    + parts.length
                    + where;
        }
        for (int i = 0; i < parts.length; i++) {
            String problem = fieldProblem(FIELDS.get(i), parts[i]);
            if (problem != null) {
                return problem + where;
            }
        }
        return null;
    }

    private static String fieldProblem(Field field, String text) {
        for (String item : text.split(",", -1)) {
            String range = item;
            int slash = item.indexOf('/');
            if (slash >= 0) {
                range = item.substring(0, slash);
                String step = item.substring(slash + 1);
                if (!step.matches("[0-9]{1,4}") || Integer.parseInt(step) < 1) {
                    return field.name() + " step \"" + step + "\" must be a whole number >= 1";
                }
            }
            if (range.equals("*") || (field.question() && range.equals("?"))) {
                continue;
            }
            String problem = rangeProblem(field, range);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private static String rangeProblem(Field field, String range) {
        int dash = range.indexOf('-');
        String[] ends =
                dash < 0
                        ? new String[] {range}
                        : new String[] {range.substring(0, dash), range.substring(dash + 1)};
        int[] values = new int[ends.length];
        for (int i = 0; i < ends.length; i++) {
            Integer value = value(field, ends[i]);
            if (value == null) {
                String names =
                        field.names().isEmpty() ? "" : " or a name such as " + field.names().get(0);
                return field.name() + " \"" + ends[i] + "\" is not a number" + names;
            }
            if (value < field.min() || value > field.max()) {
                return field.name()
                        + " "
                        + value
                        + " is out of range "
                        + field.min()
                        + "-"
                        + field.max();
            }
            values[i] = value;
        }
        if (values.length == 2 && values[1] < values[0]) {
            return field.name() + " range " + range + " is reversed";
        }
        return null;
    }

    private static Integer value(Field field, String token) {
        if (token.matches("[0-9]{1,4}")) {
            return Integer.parseInt(token);
        }
        int named = field.names().indexOf(token.toUpperCase(Locale.ROOT));
        return named < 0 ? null : named + field.min();
    }
}
