package dev.isthmus.workflows.argo;

import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Leaves a string unquoted only when every YAML reader takes it back as a string. Argo types
 * counts, limits and quantities as strings, so {@code "2"} must stay {@code "2"}: quoted are
 * strings that YAML 1.1 resolves to anything else ({@code 1}, {@code yes}, {@code 1.5}) and those
 * YAML 1.2 reads as numbers ({@code 1e-3}, {@code 0o17}), besides what Jackson quotes anyway.
 */
final class PlainScalars extends StringQuotingChecker.Default {

    private static final long serialVersionUID = 1L;
    private static final Pattern YAML_12_NUMBER =
            Pattern.compile(
                    "[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?|0x[0-9a-fA-F]+|0o[0-7]+"
                            + "|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");
    private static final Resolver YAML_11 = new Resolver();

    @Override
    public boolean needToQuoteValue(String value) {
        return super.needToQuoteValue(value) || !readsBackAsString(value);
    }

    @Override
    public boolean needToQuoteName(String name) {
        return super.needToQuoteName(name) || !readsBackAsString(name);
    }

    static boolean readsBackAsString(String text) {
        return !YAML_12_NUMBER.matcher(text).matches()
                && Tag.STR.equals(YAML_11.resolve(NodeId.scalar, text, true));
    }
}
