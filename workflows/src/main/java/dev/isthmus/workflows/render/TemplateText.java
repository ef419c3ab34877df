package dev.isthmus.workflows.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.isthmus.api.spec.ConnectivitySweep;
import dev.isthmus.api.validation.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds text Argo would not pass through unchanged: the sweep travels to every pod as a workflow
 * parameter, and Argo expands {@code {{...}}} inside parameter values, so a name, path or label
 * containing {@code {{} would reach the worker altered (or fail the Workflow).
 */
final class TemplateText {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TemplateText() {}

    /** One problem per field whose text contains {@code {{}, with its field path. */
    static List<Problem> problems(ConnectivitySweep sweep) {
        List<Problem> problems = new ArrayList<>();
        collect(JSON.valueToTree(sweep), "", problems);
        return problems;
    }

    private static void collect(JsonNode node, String path, List<Problem> problems) {
        if (node.isTextual() && node.asText().contains("{{")) {
            problems.add(
                    new Problem(
                            path,
                            "contains '{{', which Argo reads as a template expression in the"
                                    + " worker pods' parameters; remove it for cluster runs"));
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String key = field.getKey();
                String child = path.isEmpty() ? key : path + "." + key;
                if (key.contains("{{")) {
                    problems.add(
                            new Problem(
                                    child,
                                    "the key contains '{{', which Argo reads as a template"
                                            + " expression; remove it for cluster runs"));
                }
                collect(field.getValue(), child, problems);
            }
        }
        for (int i = 0; node.isArray() && i < node.size(); i++) {
            collect(node.get(i), path + "[" + i + "]", problems);
        }
    }
}
