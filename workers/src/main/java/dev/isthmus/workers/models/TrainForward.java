package dev.isthmus.workers.models;

import ai.djl.ndarray.NDArray;
import java.util.SortedMap;

/**
 * The result of a training-mode forward pass.
 *
 * @param logits (n, classes)
 * @param buffers new values of the model's buffers after this batch (empty without BatchNorm); they
 *     do not require gradients
 */
public record TrainForward(NDArray logits, SortedMap<String, NDArray> buffers) {}
