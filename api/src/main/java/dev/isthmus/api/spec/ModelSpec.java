package dev.isthmus.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** The network every endpoint of the sweep shares. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelSpec(
        @JsonPropertyDescription("Architecture name: mlp, resnet, transformer or onnx.")
                @Words(Names.Architecture.class)
                String architecture,
        @JsonPropertyDescription("mlp: hidden layer widths, e.g. [512, 512, 512].")
                List<Integer> hidden,
        @JsonPropertyDescription(
                        "Normalization layers: mlp takes none; resnet batchnorm, layernorm or none;"
                                + " transformer layernorm.")
                @Words(Names.Normalization.class)
                String normalization,
        @JsonPropertyDescription("resnet: depth 6n+2 (20, 32, 44, ...; default 20).") Integer depth,
        @JsonPropertyDescription(
                        "resnet: width multiplier of the 16/32/64 channel groups (default 1).")
                Integer width,
        @JsonPropertyDescription("transformer: number of attention + MLP blocks (default 1).")
                Integer layers,
        @JsonPropertyDescription("transformer: attention heads per block (default 4).")
                Integer heads,
        @JsonPropertyDescription(
                        "transformer: residual stream width, a multiple of heads (default 128).")
                Integer dModel,
        @JsonPropertyDescription("transformer: hidden width of each MLP block (default 512).")
                Integer dMlp,
        @JsonPropertyDescription(
                        "onnx: the ONNX file of the network (a path relative to the sweep file,"
                                + " a file:// URI, or an s3://bucket/key object read with the run"
                                + " store's S3 settings); its initializers are the parameters,"
                                + " under the names PyTorch's export keeps.")
                String file) {

    public static final String MLP = "mlp";
    public static final String RESNET = "resnet";
    public static final String TRANSFORMER = "transformer";
    public static final String ONNX = "onnx";

    /** An mlp with the given hidden widths and no normalization. */
    public static ModelSpec mlp(List<Integer> hidden) {
        return new ModelSpec(MLP, hidden, "none", null, null, null, null, null, null, null);
    }

    /**
     * Whether the network has BatchNorm layers (whose statistics a path must recompute): a resnet
     * without a normalization has them by default.
     */
    public boolean hasBatchNorm() {
        return "batchnorm".equals(normalization)
                || (normalization == null && RESNET.equals(architecture));
    }
}
