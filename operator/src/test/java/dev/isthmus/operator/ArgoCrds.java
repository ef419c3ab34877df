package dev.isthmus.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.Consumer;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Registers Argo's Workflow and CronWorkflow CRDs (Argo v3.7.18, the test resources {@code
 * argo/crds/} of the workflows test-jar) on the mock API server before the operator starts: its
 * Workflow informer looks the type up when the controller registers. Their (large) schemas are
 * dropped; the mock server does not validate.
 */
public class ArgoCrds implements Consumer<KubernetesServer> {

    public static final String DIR = "/argo/crds/";

    @Override
    public void accept(KubernetesServer server) {
        for (String file :
                new String[] {"argoproj.io_workflows.yaml", "argoproj.io_cronworkflows.yaml"}) {
            CustomResourceDefinition crd = load(DIR + file);
            server.getClient()
                    .apiextensions()
                    .v1()
                    .customResourceDefinitions()
                    .resource(crd)
                    .create();
        }
    }

    /** Reads a CRD without its schema (Argo's workflow CRD is over SnakeYAML's 3 MB limit). */
    static CustomResourceDefinition load(String resource) {
        JsonNode crd = read(resource);
        for (JsonNode version : crd.path("spec").path("versions")) {
            ((ObjectNode) version).remove("schema");
        }
        return Serialization.unmarshal(crd.toString(), CustomResourceDefinition.class);
    }

    /** Reads a CRD as Argo ships it, schema included (for a real API server). */
    public static CustomResourceDefinition withSchema(String resource) {
        return Serialization.unmarshal(read(resource).toString(), CustomResourceDefinition.class);
    }

    private static JsonNode read(String resource) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(16 * 1024 * 1024);
        ObjectMapper yaml = new ObjectMapper(YAMLFactory.builder().loaderOptions(options).build());
        try (InputStream in = ArgoCrds.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("test resource missing: " + resource);
            return yaml.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
