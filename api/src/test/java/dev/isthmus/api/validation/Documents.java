package dev.isthmus.api.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/** Sweep documents for tests: a minimal valid one, and edits of it. */
final class Documents {

    static final String MINIMAL =
            """
            apiVersion: isthmus.dev/v1alpha1
            kind: ConnectivitySweep
            metadata: {name: tiny}
            spec:
              model: {architecture: mlp, hidden: [16]}
              dataset: {name: fashion-mnist}
              endpoints:
                train: {seeds: [0, 1]}
            """;

    private static final YAMLMapper YAML = new YAMLMapper();

    private Documents() {}

    /**
     * {@link #MINIMAL} with the field at a dotted path set to a YAML value, or removed when the
     * value is null; returned as JSON text, which is also YAML.
     */
    static String minimalWith(String dottedPath, String yamlValue) {
        try {
            ObjectNode root = (ObjectNode) YAML.readTree(MINIMAL);
            String[] keys = dottedPath.split("\\.");
            ObjectNode parent = root;
            for (int i = 0; i < keys.length - 1; i++) {
                parent = (ObjectNode) parent.get(keys[i]);
            }
            String last = keys[keys.length - 1];
            if (yamlValue == null) {
                parent.remove(last);
            } else {
                JsonNode value = YAML.readTree("value: " + yamlValue).get("value");
                parent.set(last, value);
            }
            return root.toString();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
