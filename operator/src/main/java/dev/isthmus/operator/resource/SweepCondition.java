package dev.isthmus.operator.resource;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A condition in the standard Kubernetes shape (metav1.Condition). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SweepCondition(
        @JsonPropertyDescription("Ready, Progressing, Degraded, Succeeded, Failed or Regressed.")
                String type,
        @JsonPropertyDescription("True, False or Unknown.") String status,
        @JsonPropertyDescription("The metadata.generation the condition was set for.")
                Long observedGeneration,
        @JsonPropertyDescription("When status last changed (RFC 3339).") String lastTransitionTime,
        @JsonPropertyDescription("One CamelCase word saying why.") String reason,
        @JsonPropertyDescription("A sentence for humans.") String message) {

    public static final String TRUE = "True";
    public static final String FALSE = "False";

    @JsonIgnore
    public boolean isTrue() {
        return TRUE.equals(status);
    }
}
