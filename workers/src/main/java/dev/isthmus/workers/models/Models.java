package dev.isthmus.workers.models;

import dev.isthmus.api.spec.ModelSpec;
import dev.isthmus.api.validation.BadInputException;
import dev.isthmus.workers.models.onnx.OnnxModel;
import dev.isthmus.workers.store.Inputs;
import java.nio.file.Path;

/** Builds the {@link Model} a spec's {@code model} section names, sized for a dataset. */
public final class Models {
    private Models() {}

    /**
     * The model a spec describes, with input and output sizes read from a checkpoint (they are the
     * dataset's, which a checkpoint alone determines).
     */
    public static Model sizedBy(
            ModelSpec spec, dev.isthmus.workers.io.Checkpoint c, String source) {
        if (ModelSpec.RESNET.equals(spec.architecture())) return ResNets.sizedBy(spec, c, source);
        if ("mlp".equals(spec.architecture())) {
            String first = Mlp.weight(0);
            String last = Mlp.weight(spec.hidden().size());
            for (String name : new String[] {first, last}) {
                var t = c.tensors().get(name);
                if (t == null || t.shape().length != 2) {
                    throw new dev.isthmus.workers.io.CheckpointException(
                            source,
                            name
                                    + ": expected a 2-d weight of an mlp with "
                                    + spec.hidden().size()
                                    + " hidden layers, got "
                                    + (t == null ? "no such tensor" : "shape " + t.shapeString()));
                }
            }
            return new Mlp(
                    (int) c.tensors().get(first).shape()[1],
                    spec.hidden(),
                    (int) c.tensors().get(last).shape()[0]);
        }
        if (ModelSpec.TRANSFORMER.equals(spec.architecture())) {
            return TransformerSizing.fromCheckpoint(spec, c, source);
        }
        if (ModelSpec.ONNX.equals(spec.architecture())) return onnx(spec, Path.of(""));
        return create(spec, 0, 0);
    }

    public static Model create(ModelSpec spec, int inputs, int classes) {
        return create(spec, inputs, classes, Path.of(""));
    }

    /**
     * As above; an onnx model's file resolves against {@code base} (the sweep file's folder). Its
     * sizes are the graph's.
     */
    public static Model create(ModelSpec spec, int inputs, int classes, Path base) {
        String arch = spec.architecture();
        if (ModelSpec.ONNX.equals(arch)) return onnx(spec, base);
        if ("mlp".equals(arch)) return new Mlp(inputs, spec.hidden(), classes);
        if (ModelSpec.RESNET.equals(arch)) return ResNets.create(spec, inputs, classes);
        if (ModelSpec.TRANSFORMER.equals(arch)) {
            return TransformerSizing.forDataset(spec, inputs, classes);
        }
        throw new BadInputException(
                "spec.model.architecture: "
                        + arch
                        + " is not implemented yet (available: mlp, resnet, transformer, onnx)");
    }

    /**
     * Reads and checks {@code spec.model.file} (a path relative to {@code base}, a {@code file://}
     * URI or an {@code s3://} object), naming it in messages as the spec writes it.
     */
    public static OnnxModel onnx(ModelSpec spec, Path base) {
        String what = "spec.model.file " + spec.file();
        return OnnxModel.load(Inputs.local(spec.file(), base, what), what);
    }
}
