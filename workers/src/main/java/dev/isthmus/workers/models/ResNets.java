package dev.isthmus.workers.models;

import dev.isthmus.api.spec.ModelSpec;
import dev.isthmus.api.validation.BadInputException;
import dev.isthmus.workers.io.Checkpoint;
import dev.isthmus.workers.io.CheckpointException;
import dev.isthmus.workers.io.HostTensor;

/** Builds a {@link ResNet} from a spec's model section, sized for a dataset or a checkpoint. */
final class ResNets {
    static final int DEFAULT_DEPTH = 20;

    private ResNets() {}

    /** For a dataset of single-channel square images with {@code features} pixels. */
    static ResNet create(ModelSpec spec, int features, int classes) {
        long side = Math.round(Math.sqrt(features));
        if (side * side != features) {
            throw new BadInputException(
                    "spec.model.architecture: resnet needs square single-channel images (such as"
                            + " fashion-mnist's 28x28), but the dataset has "
                            + features
                            + " features per example");
        }
        return of(spec, 1, classes);
    }

    /** Input channels and classes read from {@code conv1.weight} and {@code linear.weight}. */
    static ResNet sizedBy(ModelSpec spec, Checkpoint c, String source) {
        HostTensor stem = c.tensors().get("conv1.weight");
        HostTensor head = c.tensors().get("linear.weight");
        if (stem == null || stem.shape().length != 4) {
            throw new CheckpointException(
                    source,
                    "conv1.weight: expected a resnet stem (16·width, channels, 3, 3), got "
                            + (stem == null ? "no such tensor" : "shape " + stem.shapeString()));
        }
        if (head == null || head.shape().length != 2) {
            throw new CheckpointException(
                    source,
                    "linear.weight: expected a resnet classifier (classes, 64·width), got "
                            + (head == null ? "no such tensor" : "shape " + head.shapeString()));
        }
        return of(spec, (int) stem.shape()[1], (int) head.shape()[0]);
    }

    private static ResNet of(ModelSpec spec, int channels, int classes) {
        return new ResNet(
                channels,
                classes,
                spec.depth() == null ? DEFAULT_DEPTH : spec.depth(),
                spec.width() == null ? 1 : spec.width(),
                spec.normalization());
    }
}
