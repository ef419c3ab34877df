package dev.isthmus.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Where cluster worker pods find the credentials of an {@code s3://} run store. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StoreCredentialsSpec(
        @JsonPropertyDescription(
                        "Secret in the sweep's namespace whose keys become environment variables"
                                + " (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, ...).")
                String secret) {}
