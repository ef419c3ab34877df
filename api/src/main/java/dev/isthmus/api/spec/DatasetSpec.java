package dev.isthmus.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * Where training and evaluation examples come from. Fields after {@code evalExamples} apply to one
 * dataset each.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DatasetSpec(
        @JsonPropertyDescription("fashion-mnist, modular-addition or sparse-parity.")
                @Words(Names.Dataset.class)
                String name,
        @JsonPropertyDescription("fashion-mnist: folder holding the IDX .gz files.") String path,
        @JsonPropertyDescription("Training examples to use (default: all).") Integer trainExamples,
        @JsonPropertyDescription("Evaluation examples to use (default: all of the split).")
                Integer evalExamples,
        @JsonPropertyDescription("Split paths are evaluated on: test or train.")
                @Words(Names.EvalSplit.class)
                String evalSplit,
        @JsonPropertyDescription("modular-addition: the modulus p.") Integer modulus,
        @JsonPropertyDescription("modular-addition: share of the p*p pairs used for training.")
                Double trainFraction,
        @JsonPropertyDescription("sparse-parity: number of input bits n.") Integer bits,
        @JsonPropertyDescription("sparse-parity: number of relevant bits k.") Integer relevant) {}
