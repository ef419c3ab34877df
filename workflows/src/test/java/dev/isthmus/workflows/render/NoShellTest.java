package dev.isthmus.workflows.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.isthmus.api.validation.SpecException;
import dev.isthmus.workflows.argo.ArgoYaml;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Pods never run a shell: the command is the worker binary and every user string travels as one
 * argument-list element or parameter, so nothing in a sweep is ever parsed as shell syntax.
 */
class NoShellTest {

    @Test
    void everyContainerRunsIsthmusWithAnArgumentList() throws Exception {
        JsonNode workflow = rendered();
        int containers = 0;
        for (JsonNode template : workflow.at("/spec/templates")) {
            JsonNode container = template.get("container");
            if (container == null) {
                continue;
            }
            containers++;
            assertEquals("[\"isthmus\"]", container.get("command").toString());
            for (JsonNode arg : container.get("args")) {
                assertFalse(
                        List.of("sh", "bash", "-c", "/bin/sh").contains(arg.asText()),
                        template.get("name") + ": " + container.get("args"));
            }
        }
        assertEquals(5, containers, "train, align, fit-curve, evaluate, aggregate");
    }

    @Test
    void userStringsAppearOnlyAsParametersLabelsAndNames() throws Exception {
        List<String> where = new ArrayList<>();
        collect(rendered(), "", Pattern.compile("nightly|ConnectivitySweep"), where);

        Pattern allowed =
                Pattern.compile(
                        "/metadata/(generateName|labels/.*)|/spec/podMetadata/labels/.*"
                                + "|/spec/arguments/parameters/0/value"
                                + "|/spec/(templates/[0-9]+/)?metrics/prometheus/[0-9]+/labels/0/value");
        for (String pointer : where) {
            assertTrue(allowed.matcher(pointer).matches(), pointer);
        }
        assertTrue(where.contains("/spec/arguments/parameters/0/value"), where.toString());
    }

    @Test
    void aSweepNameWithShellSyntaxIsRejectedBeforeRendering() {
        SpecException e =
                assertThrows(
                        SpecException.class,
                        () -> TestSweeps.sweep("'x; rm -rf /'", TestSweeps.small("{}")));

        assertTrue(
                e.getMessage().startsWith("metadata.name: must be a DNS-1123 label"),
                e.getMessage());
    }

    @Test
    void textArgoWouldExpandIsRejectedWithItsField() {
        String body =
                "  model: {architecture: mlp, hidden: [16]}\n"
                        + "  dataset: {name: fashion-mnist}\n"
                        + "  endpoints: {checkpoints: [{name: a, uri: a.safetensors},"
                        + " {name: b, uri: '{{workflow.name}}.safetensors'}]}\n"
                        + "  execution: {store: 's3://runs/x'}\n";
        SpecException e =
                assertThrows(
                        SpecException.class,
                        () ->
                                WorkflowRenderer.render(
                                        TestSweeps.sweep("t", body), RenderOptions.defaults()));

        assertTrue(
                e.problems().stream()
                        .anyMatch(
                                p ->
                                        p.toString()
                                                .startsWith(
                                                        "spec.endpoints.checkpoints[1].uri:"
                                                                + " contains '{{'")),
                e.getMessage());
    }

    private static JsonNode rendered() throws Exception {
        String body = TestSweeps.small("{retries: 1}") + "  paths: [linear, bezier]\n";
        return ArgoYaml.mapper()
                .readTree(
                        TestSweeps.yaml(
                                TestSweeps.sweep("nightly", body), RenderOptions.defaults()));
    }

    private static void collect(JsonNode node, String pointer, Pattern text, List<String> where) {
        if (node.isTextual() && text.matcher(node.asText()).find()) {
            where.add(pointer);
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                collect(field.getValue(), pointer + "/" + field.getKey(), text, where);
            }
        }
        for (int i = 0; node.isArray() && i < node.size(); i++) {
            collect(node.get(i), pointer + "/" + i, text, where);
        }
    }
}
