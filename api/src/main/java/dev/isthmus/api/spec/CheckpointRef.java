package dev.isthmus.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A trained network given as a safetensors file. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CheckpointRef(
        @JsonPropertyDescription("Endpoint name used in pairs and results.") String name,
        @JsonPropertyDescription(
                        "Location of the .safetensors file: a path, or file:// URI; relative paths"
                                + " resolve against the spec file's folder.")
                String uri) {}
