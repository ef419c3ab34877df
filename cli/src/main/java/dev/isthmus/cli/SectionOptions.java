package dev.isthmus.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.isthmus.api.spec.AlignmentSpec;
import dev.isthmus.api.spec.ModelSpec;
import dev.isthmus.api.spec.SweepSpec;
import dev.isthmus.workers.data.Dataset;
import dev.isthmus.workers.data.Datasets;
import dev.isthmus.workers.models.Model;
import dev.isthmus.workers.models.Models;
import java.io.IOException;
import picocli.CommandLine.Option;

/** The {@code --model} and {@code --dataset} options of the single-operation commands. */
final class SectionOptions {

    /** A validated spec with its dataset loaded and model built. */
    record Loaded(SweepSpec spec, Dataset data, Model model) {}

    @Option(
            names = "--model",
            required = true,
            description = "YAML/JSON file holding a model section (or a sweep file).")
    String model;

    @Option(
            names = "--dataset",
            defaultValue = "fashion-mnist",
            description =
                    "Dataset name, or a YAML/JSON file holding a dataset section (or a sweep file).")
    String dataset;

    /** Validates the sections (and an optional training recipe), loads data, builds the model. */
    Loaded load(JsonNode train, String source) throws IOException {
        SweepSpec spec =
                Sections.sweep(
                                Sections.read(model, "model", false),
                                Sections.read(dataset, "dataset", true),
                                train,
                                source)
                        .spec();
        Dataset data = Datasets.load(spec.dataset(), spec.seeds());
        return new Loaded(spec, data, Models.create(spec.model(), data.features(), data.classes()));
    }

    /** The model section alone, validated (input and output sizes come from elsewhere). */
    ModelSpec modelOnly() throws IOException {
        return Sections.sweep(Sections.read(model, "model", false), null, null, "--model")
                .spec()
                .model();
    }

    /** The dataset section, validated and loaded. */
    Dataset loadDataset() {
        try {
            SweepSpec spec =
                    Sections.sweep(
                                    Sections.read(model, "model", false),
                                    Sections.read(dataset, "dataset", true),
                                    null,
                                    "--dataset")
                            .spec();
            return Datasets.load(spec.dataset(), spec.seeds());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** An alignment method with options, validated as a sweep's alignments entry would be. */
    AlignmentSpec alignment(
            String type, Integer maxSweeps, Integer examples, String warmStart, Integer restarts)
            throws IOException {
        com.fasterxml.jackson.databind.node.ObjectNode a =
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        a.put("type", type);
        if (maxSweeps != null) a.put("maxSweeps", maxSweeps);
        if (examples != null) a.put("examples", examples);
        if (warmStart != null) a.put("warmStart", warmStart);
        if (restarts != null) a.put("restarts", restarts);
        return Sections.sweepWithAlignment(Sections.read(model, "model", false), a, "isthmus align")
                .spec()
                .alignments()
                .get(0);
    }
}
