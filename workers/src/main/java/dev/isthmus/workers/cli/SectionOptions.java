package dev.isthmus.workers.cli;

import com.fasterxml.jackson.databind.JsonNode;
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
            description = "YAML/JSON file holding a sweep's model section.")
    String model;

    @Option(
            names = "--dataset",
            defaultValue = "fashion-mnist",
            description = "Dataset name, or a YAML/JSON file holding a dataset section.")
    String dataset;

    /** Validates the sections (and an optional training recipe), loads data, builds the model. */
    Loaded load(JsonNode train, String source) throws IOException {
        SweepSpec spec =
                Sections.sweep(
                                Sections.read(model, false),
                                Sections.read(dataset, true),
                                train,
                                source)
                        .spec();
        Dataset data = Datasets.load(spec.dataset(), spec.seeds());
        return new Loaded(spec, data, Models.create(spec.model(), data.features(), data.classes()));
    }
}
