package dev.isthmus.api.validation;

import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Leaves a string unquoted only when it cannot read back as anything else: Jackson's own check
 * writes {@code 1e-3}, {@code 0x1F} and {@code .inf} bare, which then read back as numbers.
 */
final class YamlQuoting extends StringQuotingChecker {

    private static final long serialVersionUID = 1L;
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z/][A-Za-z0-9_./:@+-]*");
    private static final Set<String> RESERVED =
            Set.of("true", "false", "yes", "no", "on", "off", "y", "n", "null");

    @Override
    public boolean needToQuoteName(String name) {
        return !isPlain(name);
    }

    @Override
    public boolean needToQuoteValue(String value) {
        return !isPlain(value);
    }

    private static boolean isPlain(String text) {
        return PLAIN.matcher(text).matches()
                && !text.endsWith(":")
                && !RESERVED.contains(text.toLowerCase(Locale.ROOT));
    }
}
