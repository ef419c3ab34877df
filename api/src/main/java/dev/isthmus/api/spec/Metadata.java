package dev.isthmus.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Map;

/** The subset of Kubernetes object metadata a sweep file carries. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Metadata(
        @JsonPropertyDescription("DNS-1123 label: lower case letters, digits and '-'.") String name,
        @JsonPropertyDescription("Kubernetes namespace (ignored locally).") String namespace,
        @JsonPropertyDescription("Free-form labels.") Map<String, String> labels) {}
