package dev.isthmus.workflows.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import dev.isthmus.workflows.argo.ArgoYaml;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Argo's own JSON schema (v3.7.18, vendored as the test resource {@code argo/workflow-schema.json}
 * with its licence and source), made strict: every definition with properties rejects unknown ones,
 * so a misspelt field fails instead of being ignored (and dropped by the API server).
 */
final class ArgoSchema {

    static final String RESOURCE = "/argo/workflow-schema.json";
    static final String WORKFLOW = "io.argoproj.workflow.v1alpha1.Workflow";
    static final String CRON_WORKFLOW = "io.argoproj.workflow.v1alpha1.CronWorkflow";

    private static final List<String> KUBERNETES_KEYWORDS =
            List.of(
                    "x-kubernetes-group-version-kind",
                    "x-kubernetes-list-map-keys",
                    "x-kubernetes-list-type",
                    "x-kubernetes-map-type",
                    "x-kubernetes-patch-merge-key",
                    "x-kubernetes-patch-strategy",
                    "x-kubernetes-unions");
    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

    private ArgoSchema() {}

    /** Every violation of {@code definition} by the YAML text, as "pointer: message". */
    static List<String> violations(String yaml, String definition) {
        JsonNode document;
        try {
            document = ArgoYaml.mapper().readTree(yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return SCHEMAS.computeIfAbsent(definition, ArgoSchema::load).validate(document).stream()
                .map(m -> m.getInstanceLocation() + ": " + m.getMessage())
                .toList();
    }

    private static JsonSchema load(String definition) {
        ObjectNode root;
        try (InputStream in = ArgoSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("test resource missing: " + RESOURCE);
            root = (ObjectNode) new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        root.remove("oneOf");
        root.put("$ref", "#/definitions/" + definition);
        root.get("definitions")
                .forEach(
                        d -> {
                            if (d.has("properties")) {
                                ((ObjectNode) d).set("additionalProperties", BooleanNode.FALSE);
                            }
                        });
        JsonMetaSchema meta =
                JsonMetaSchema.builder(JsonMetaSchema.getV202012())
                        .keywords(
                                KUBERNETES_KEYWORDS.stream()
                                        .map(NonValidationKeyword::new)
                                        .toList())
                        .build();
        JsonSchemaFactory factory =
                JsonSchemaFactory.getInstance(
                        SpecVersion.VersionFlag.V202012, b -> b.metaSchema(meta));
        SchemaValidatorsConfig config =
                SchemaValidatorsConfig.builder().pathType(PathType.JSON_POINTER).build();
        return factory.getSchema(root, config);
    }
}
