package dev.isthmus.api.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * Where training and evaluation examples come from. Fields after {@code evalExamples} apply to one
 * dataset each.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DatasetSpec(
        @JsonPropertyDescription(
                        "fashion-mnist, modular-addition, sparse-parity, or tensors (your own"
                                + " examples in safetensors files).")
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
        @JsonPropertyDescription("sparse-parity: number of relevant bits k.") Integer relevant,
        @JsonPropertyDescription(
                        "tensors: the training split, a safetensors file holding 'inputs' (N"
                                + " examples, any shape after the first axis, float or integer)"
                                + " and 'labels' (N class indices, integer); a path relative to"
                                + " the sweep file, a file:// URI or s3://bucket/key.")
                String trainFile,
        @JsonPropertyDescription(
                        "tensors: the evaluation split, a file like trainFile (required unless"
                                + " evalSplit is train).")
                String evalFile) {

    @JsonCreator
    public DatasetSpec {}

    /** A dataset that reads no files of the user's (every dataset but tensors). */
    public DatasetSpec(
            String name,
            String path,
            Integer trainExamples,
            Integer evalExamples,
            String evalSplit,
            Integer modulus,
            Double trainFraction,
            Integer bits,
            Integer relevant) {
        this(
                name,
                path,
                trainExamples,
                evalExamples,
                evalSplit,
                modulus,
                trainFraction,
                bits,
                relevant,
                null,
                null);
    }
}
