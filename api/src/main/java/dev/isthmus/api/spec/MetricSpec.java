package dev.isthmus.api.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/**
 * A metric measured along each path, written as its name ({@code loss}, {@code cka}, ...) or as an
 * object with options, e.g. {@code {type: cka, examples: 2000}}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MetricSpec(
        @JsonPropertyDescription("loss, accuracy, decomposition, attribution or cka.")
                @Words(Names.Metric.class)
                String type,
        @JsonPropertyDescription(
                        "cka: evaluation inputs whose representations are compared (default"
                                + " 500).")
                Integer examples) {

    public static final String CKA = "cka";

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public MetricSpec {}

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static MetricSpec of(String type) {
        return new MetricSpec(type, null);
    }

    /** Metrics given by name only. */
    public static List<MetricSpec> named(String... types) {
        return java.util.Arrays.stream(types).map(MetricSpec::of).toList();
    }

    /** Whether {@code metrics} names {@code type}. */
    public static boolean contains(List<MetricSpec> metrics, String type) {
        return find(metrics, type) != null;
    }

    /** The entry of {@code metrics} named {@code type}, or null. */
    public static MetricSpec find(List<MetricSpec> metrics, String type) {
        return metrics.stream().filter(m -> type.equals(m.type())).findFirst().orElse(null);
    }
}
