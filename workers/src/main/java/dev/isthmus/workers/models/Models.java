package dev.isthmus.workers.models;

import dev.isthmus.api.spec.ModelSpec;

/** Builds the {@link Model} a spec's {@code model} section names, sized for a dataset. */
public final class Models {
    private Models() {}

    public static Model create(ModelSpec spec, int inputs, int classes) {
        String arch = spec.architecture();
        if ("mlp".equals(arch)) return new Mlp(inputs, spec.hidden(), classes);
        throw new IllegalArgumentException(
                "spec.model.architecture: " + arch + " is not implemented yet (available: mlp)");
    }
}
