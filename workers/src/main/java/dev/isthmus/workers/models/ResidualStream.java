package dev.isthmus.workers.models;

import java.util.List;

/**
 * The residual stream of a pre-LayerNorm transformer, described by who writes to it and who reads
 * it, so that alignment can fold the LayerNorms and rotate the stream (Theus et al. 2025,
 * "Generalized Linear Mode Connectivity for Transformers"; the folding follows Ashkboos et al.
 * 2024, "SliceGPT").
 *
 * <p>Every reader of the stream is a LayerNorm followed by linear maps; every writer adds a vector
 * to it. Folding each LayerNorm's scale and shift into its readers and centring every writer (and
 * every reader's input side) gives a canonical form in which the stream lies in the hyperplane
 * orthogonal to the all-ones vector and the LayerNorms have no affine part: there a LayerNorm is
 * RMSNorm on that hyperplane, and any orthogonal map Q with Q·1 = 1 applied to every writer (Q·w)
 * and reader (W·Qᵀ) leaves the function unchanged.
 *
 * @param group the permutation group of the stream's axis (a permutation is such a Q)
 * @param width the stream's width d
 * @param norms every LayerNorm reading the stream, with the linear maps reading its output
 * @param writers every parameter axis that writes to the stream
 */
public record ResidualStream(String group, int width, List<Norm> norms, List<Writer> writers) {

    /**
     * A LayerNorm over the stream ({@code weight} and {@code bias} of shape (d)) and the linear
     * maps applied to its output ({@code nn.Linear}: weight (out, d), bias (out)).
     */
    public record Norm(String weight, String bias, List<Linear> readers) {}

    /** A linear map reading a LayerNorm's output: weight (out, d) and bias (out). */
    public record Linear(String weight, String bias) {}

    /** A parameter whose {@code axis} (of size d) holds vectors added to the stream. */
    public record Writer(String param, int axis) {}

    public ResidualStream {
        norms = List.copyOf(norms);
        writers = List.copyOf(writers);
    }
}
