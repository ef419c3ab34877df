package dev.isthmus.api.admission;

import java.util.Locale;

/** Sizes and counts as people write them: {@code 2.9 TiB}, {@code 7.9e11}, {@code 16Gi}. */
public final class Units {
    private static final String[] BINARY = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    private Units() {}

    /** A byte count with a binary unit and two or three significant digits. */
    public static String bytes(double bytes) {
        double v = bytes;
        int unit = 0;
        while (v >= 1024 && unit < BINARY.length - 1) {
            v /= 1024;
            unit++;
        }
        if (unit == 0) return String.format(Locale.ROOT, "%.0f B", v);
        String digits =
                v >= 100
                        ? String.format(Locale.ROOT, "%.0f", v)
                        : String.format(Locale.ROOT, v >= 10 ? "%.0f" : "%.1f", v);
        if (digits.endsWith(".0")) digits = digits.substring(0, digits.length() - 2);
        return digits + " " + BINARY[unit];
    }

    /** A count: exact below a million, else in scientific notation ({@code 7.9e11}). */
    public static String count(double n) {
        if (n < 1e6) return String.format(Locale.ROOT, "%,.0f", n);
        String s = String.format(Locale.ROOT, "%.1e", n); // 7.9e+11
        return s.replace("e+0", "e").replace("e+", "e");
    }

    /**
     * Parses a Kubernetes memory quantity ({@code 16Gi}, {@code 512Mi}, {@code 8G}, {@code 1.5Ti},
     * a bare byte count) into bytes.
     *
     * @throws NumberFormatException if it is not one
     */
    public static double quantity(String q) {
        String s = q.strip();
        String[][] suffixes = {
            {"Ki", "1024"},
            {"Mi", "1048576"},
            {"Gi", "1073741824"},
            {"Ti", "1099511627776"},
            {"Pi", "1125899906842624"},
            {"Ei", "1152921504606846976"},
            {"k", "1e3"},
            {"K", "1e3"},
            {"M", "1e6"},
            {"G", "1e9"},
            {"T", "1e12"},
            {"P", "1e15"},
            {"E", "1e18"},
            {"m", "1e-3"}
        };
        for (String[] suffix : suffixes) {
            if (s.endsWith(suffix[0])) {
                String number = s.substring(0, s.length() - suffix[0].length());
                return positive(number) * Double.parseDouble(suffix[1]);
            }
        }
        if (s.endsWith("B") || s.endsWith("b")) {
            return quantity(s.substring(0, s.length() - 1));
        }
        return positive(s);
    }

    private static double positive(String number) {
        if (!number.matches("[0-9]+(\\.[0-9]*)?|\\.[0-9]+")) {
            throw new NumberFormatException(number);
        }
        return Double.parseDouble(number);
    }
}
