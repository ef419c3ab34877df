package dev.isthmus.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A trained network given as a safetensors file. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CheckpointRef(
        @JsonPropertyDescription("Endpoint name used in pairs and results.") String name,
        @JsonPropertyDescription(
                        "Location of the .safetensors file: a path, a file:// URI, or an"
                                + " s3://bucket/key object (read with the run store's S3 settings);"
                                + " relative paths resolve against the spec file's folder.")
                String uri) {}
