package dev.isthmus.workflows.argo;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Argo's {@code Metrics}: custom metrics the controller emits when a template or the workflow
 * finishes. The Prometheus exporter prefixes each name with {@code argo_workflows_}.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Metrics(List<Prometheus> prometheus) {

    /**
     * One metric: exactly one of {@code histogram}, {@code counter}, {@code gauge} is set. The same
     * name must always come with the same help text and type.
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Prometheus(
            String name,
            String help,
            List<Label> labels,
            String when,
            Histogram histogram,
            Counter counter,
            Gauge gauge) {}

    /** A metric label; values may be Argo variables such as {@code {{status}}}. */
    public record Label(String key, String value) {}

    /** Observes {@code value} (e.g. {@code {{duration}}}) into fixed buckets. */
    public record Histogram(String value, List<Double> buckets) {}

    /** Adds {@code value} to a counter. */
    public record Counter(String value) {}

    /** Sets a gauge; {@code realtime} updates it while the node runs. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Gauge(String value, Boolean realtime) {}
}
