package dev.isthmus.workers.metrics;

import java.util.List;

/**
 * Linear CKA between corresponding hidden layers, on a fixed sample of evaluation inputs.
 *
 * @param layers the hidden layers, named by the permutation acting on their units
 * @param examples inputs in the sample (the first ones of the evaluation set)
 * @param endpoints CKA(A, aligned B) per layer
 * @param alongPath CKA(A, γ(α)) per alpha (outer) and layer (inner)
 */
public record Similarity(
        List<String> layers, int examples, double[] endpoints, double[][] alongPath) {}
