package dev.isthmus.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** The network every endpoint of the sweep shares. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelSpec(
        @JsonPropertyDescription("Architecture name: mlp.") String architecture,
        @JsonPropertyDescription("Hidden layer widths of an mlp, e.g. [512, 512, 512].")
                List<Integer> hidden,
        @JsonPropertyDescription("Normalization layers: none.") String normalization) {}
