package dev.isthmus.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** The networks to connect: trained from seeds, given as checkpoint files, or both. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EndpointsSpec(
        @JsonPropertyDescription("Train one endpoint per seed.") TrainSpec train,
        @JsonPropertyDescription("Existing safetensors checkpoints.")
                List<CheckpointRef> checkpoints) {}
