package dev.isthmus.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Seeds, other than the per-endpoint training seeds, that make a run reproducible. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SeedsSpec(
        @JsonPropertyDescription("Generates synthetic datasets and their train/test split.")
                Long data,
        @JsonPropertyDescription("Chooses the evaluation subset when evalExamples is smaller.")
                Long eval,
        @JsonPropertyDescription("Orders the permutation groups in each weight-matching sweep.")
                Long align) {}
