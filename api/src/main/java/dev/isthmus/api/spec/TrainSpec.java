package dev.isthmus.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** How endpoints are trained; each seed fixes initialisation and minibatch order. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrainSpec(
        @JsonPropertyDescription("One endpoint per seed; endpoint names are seed-<n>.")
                List<Long> seeds,
        @JsonPropertyDescription("Passes over the training set.") Integer epochs,
        @JsonPropertyDescription("Optimizer that trains each endpoint: adam or sgd.")
                @Words(Names.Optimizer.class)
                String optimizer,
        @JsonPropertyDescription("Optimizer step size.") Double learningRate,
        @JsonPropertyDescription("Training examples per minibatch.") Integer batchSize,
        @JsonPropertyDescription("sgd: momentum in [0, 1).") Double momentum,
        @JsonPropertyDescription("Decoupled (adam) or L2 (sgd) weight decay.")
                Double weightDecay) {}
