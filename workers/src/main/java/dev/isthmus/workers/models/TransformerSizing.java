package dev.isthmus.workers.models;

import dev.isthmus.api.spec.ModelSpec;
import dev.isthmus.api.validation.BadInputException;
import dev.isthmus.workers.io.Checkpoint;
import dev.isthmus.workers.io.CheckpointException;
import dev.isthmus.workers.io.HostTensor;

/** Sizes a {@link Transformer} from a dataset or a checkpoint, with the spec's block options. */
final class TransformerSizing {
    private TransformerSizing() {}

    /** The modulus p is the number of classes; the inputs must be one-hot(a) ++ one-hot(b). */
    static Transformer forDataset(ModelSpec spec, int inputs, int classes) {
        if (inputs != 2 * classes) {
            throw new BadInputException(
                    "spec.model.architecture: transformer reads the pair (a, b) of the"
                            + " modular-addition dataset (2p one-hot inputs for p classes), got a"
                            + " dataset with "
                            + inputs
                            + " inputs and "
                            + classes
                            + " classes");
        }
        return of(spec, classes);
    }

    /** The modulus p is read from {@code unembed.weight}, (p, d_model). */
    static Transformer fromCheckpoint(ModelSpec spec, Checkpoint c, String source) {
        String name = TransformerNames.UNEMBED + ".weight";
        HostTensor t = c.tensors().get(name);
        int dModel = or(spec.dModel(), 128);
        if (t == null || t.shape().length != 2 || t.shape()[1] != dModel) {
            throw new CheckpointException(
                    source,
                    name
                            + ": expected the unembedding (p, "
                            + dModel
                            + ") of a transformer with dModel "
                            + dModel
                            + ", got "
                            + (t == null ? "no such tensor" : "shape " + t.shapeString()));
        }
        return of(spec, (int) t.shape()[0]);
    }

    private static Transformer of(ModelSpec spec, int modulus) {
        return new Transformer(
                modulus,
                or(spec.layers(), 1),
                or(spec.dModel(), 128),
                or(spec.heads(), 4),
                or(spec.dMlp(), 512));
    }

    private static int or(Integer value, int fallback) {
        return value == null ? fallback : value;
    }
}
