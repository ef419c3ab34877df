package dev.isthmus.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A Kubernetes toleration for worker pods, e.g. to run on tainted GPU nodes. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TolerationSpec(
        @JsonPropertyDescription("Taint key to tolerate; empty with operator Exists tolerates all.")
                String key,
        @JsonPropertyDescription("Equal (default) or Exists.") String operator,
        @JsonPropertyDescription("Taint value to match when the operator is Equal.") String value,
        @JsonPropertyDescription("NoSchedule, PreferNoSchedule or NoExecute (empty: all effects).")
                String effect,
        @JsonPropertyDescription("NoExecute only: seconds the pod stays after the taint appears.")
                Long tolerationSeconds) {}
