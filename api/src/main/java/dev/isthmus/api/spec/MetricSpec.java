package dev.isthmus.api.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/**
 * A metric measured along each path, written as its name ({@code loss}, {@code cka}, ...) or as an
 * object with options, e.g. {@code {type: cka, examples: 2000}} or {@code {type: confidence,
 * resamples: 1000, level: 0.95}} or {@code {type: ensemble, points: 3}}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MetricSpec(
        @JsonPropertyDescription(
                        "loss, accuracy, decomposition, attribution, cka, confidence (bootstrap"
                                + " intervals on every barrier), basins (the basin map of all"
                                + " endpoints) or ensemble (the logit average of points along each"
                                + " path beside the endpoints' own).")
                @Words(Names.Metric.class)
                String type,
        @JsonPropertyDescription(
                        "cka: evaluation inputs whose representations are compared (default"
                                + " 500).")
                Integer examples,
        @JsonPropertyDescription(
                        "confidence: bootstrap resamples of the evaluation examples (default"
                                + " 1000).")
                Integer resamples,
        @JsonPropertyDescription(
                        "confidence: coverage of the percentile intervals, in (0, 1) (default"
                                + " 0.95).")
                Double level,
        @JsonPropertyDescription(
                        "basins: how endpoints are joined into basins, on the chord loss barrier"
                                + " (default average).")
                @Words(Names.Linkage.class)
                String linkage,
        @JsonPropertyDescription(
                        "basins: endpoints whose clusters are joined at a chord loss barrier at or"
                                + " below this many nats share a basin (default 0.1).")
                Double threshold,
        @JsonPropertyDescription(
                        "ensemble: evenly spaced points on each path, both ends included, whose"
                                + " logits are averaged (default 3).")
                Integer points) {

    public static final String CKA = "cka";
    public static final String CONFIDENCE = Names.Metric.CONFIDENCE.wire();
    public static final String BASINS = Names.Metric.BASINS.wire();
    public static final String ENSEMBLE = Names.Metric.ENSEMBLE.wire();

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public MetricSpec {}

    /** A metric without the ensemble's option. */
    public MetricSpec(
            String type,
            Integer examples,
            Integer resamples,
            Double level,
            String linkage,
            Double threshold) {
        this(type, examples, resamples, level, linkage, threshold, null);
    }

    /** A metric with at most the CKA option. */
    public MetricSpec(String type, Integer examples) {
        this(type, examples, null, null, null, null);
    }

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
