package dev.isthmus.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.isthmus.api.spec.ConnectivitySweep;
import dev.isthmus.api.spec.ModelSpec;
import dev.isthmus.api.spec.Names;
import dev.isthmus.api.validation.SweepLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads the {@code model} and {@code dataset} sections that single-file commands take, and
 * validates them exactly as a sweep would by wrapping them in a minimal sweep document.
 */
final class Sections {
    private static final ObjectMapper YAML = new YAMLMapper();

    private Sections() {}

    /**
     * A section from a YAML/JSON file, or for a dataset also a bare dataset name. The file holds
     * the section itself ({@code architecture: mlp}), the section under its key ({@code model:
     * {architecture: mlp}}), or a whole sweep (its {@code spec.<section>}).
     */
    static JsonNode read(String value, String section, boolean nameAllowed) throws IOException {
        Path p = Path.of(value);
        if (Files.exists(p) && !Files.isDirectory(p)) {
            return unwrap(YAML.readTree(p.toFile()), section);
        }
        if (nameAllowed && !value.contains("/") && !value.contains(".")) {
            return YAML.createObjectNode().put("name", value);
        }
        throw new NoSuchFileException(value + ": no such file");
    }

    /** No section has a field of its own name, so the wrapped forms cannot be misread. */
    private static JsonNode unwrap(JsonNode node, String section) {
        if (node == null || !node.isObject()) return node;
        JsonNode spec = node.get("spec");
        if (node.has("kind") && spec != null && spec.isObject() && spec.get(section) != null) {
            return spec.get(section);
        }
        if (node.size() == 1 && node.get(section) != null && node.get(section).isObject()) {
            return node.get(section);
        }
        return node;
    }

    /**
     * A validated sweep holding the given sections; {@code train} (may be null) becomes the
     * endpoints' training recipe.
     */
    static ConnectivitySweep sweep(
            JsonNode model, JsonNode dataset, JsonNode train, String source) {
        return SweepLoader.parse(document(model, dataset, train).toString(), source);
    }

    /** A validated sweep whose only alignment is {@code alignment}. */
    static ConnectivitySweep sweepWithAlignment(JsonNode model, JsonNode alignment, String source) {
        ObjectNode doc = document(model, null, null);
        ((ObjectNode) doc.get("spec")).putArray("alignments").add(alignment);
        return SweepLoader.parse(doc.toString(), source);
    }

    /** A dataset the model can read, for validating a model section on its own. */
    private static String placeholderDataset(JsonNode model) {
        boolean transformer =
                model != null && ModelSpec.TRANSFORMER.equals(model.path("architecture").asText());
        return (transformer ? Names.Dataset.MODULAR_ADDITION : Names.Dataset.FASHION_MNIST).wire();
    }

    private static ObjectNode document(JsonNode model, JsonNode dataset, JsonNode train) {
        ObjectNode doc = YAML.createObjectNode();
        doc.put("apiVersion", ConnectivitySweep.API_VERSION);
        doc.put("kind", ConnectivitySweep.KIND);
        doc.putObject("metadata").put("name", "cli");
        ObjectNode spec = doc.putObject("spec");
        spec.set("model", model);
        if (dataset != null) spec.set("dataset", dataset);
        else spec.putObject("dataset").put("name", placeholderDataset(model));
        ObjectNode endpoints = spec.putObject("endpoints");
        if (train != null) endpoints.set("train", train);
        ArrayNode checkpoints = endpoints.putArray("checkpoints");
        checkpoints.addObject().put("name", "cli-a").put("uri", "a.safetensors");
        checkpoints.addObject().put("name", "cli-b").put("uri", "b.safetensors");
        return doc;
    }
}
