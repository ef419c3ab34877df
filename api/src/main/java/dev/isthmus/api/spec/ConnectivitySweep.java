package dev.isthmus.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A whole sweep document: {@code apiVersion}, {@code kind}, {@code metadata} and {@code spec}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConnectivitySweep(
        @JsonPropertyDescription("Always isthmus.dev/v1alpha1.") String apiVersion,
        @JsonPropertyDescription("Always ConnectivitySweep.") String kind,
        @JsonPropertyDescription("Name (and optional namespace) of the sweep.") Metadata metadata,
        @JsonPropertyDescription("What to train, align, walk and measure.") SweepSpec spec) {

    public static final String API_VERSION = "isthmus.dev/v1alpha1";
    public static final String KIND = "ConnectivitySweep";

    /** The sweep's name, used for the run folder and for task ids. */
    public String name() {
        return metadata == null ? null : metadata.name();
    }
}
