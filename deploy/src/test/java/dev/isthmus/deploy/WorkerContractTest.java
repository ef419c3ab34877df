package dev.isthmus.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isthmus.workflows.render.RenderOptions;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The chart provides what rendered Workflows expect (workflows/README.md, "The worker image
 * contract"): the service account they name, the image they default to, the claim of file://
 * stores, and an image that runs as their uid.
 */
class WorkerContractTest {

    @Test
    void chartDefaultsMatchTheRenderersDefaults() {
        List<HasMetadata> objects = Chart.objects(Chart.template());
        Map<String, String> env = ChartRenderTest.env(objects);
        assertEquals(RenderOptions.DEFAULT_SERVICE_ACCOUNT, env.get("ISTHMUS_SERVICE_ACCOUNT"));
        assertEquals(RenderOptions.DEFAULT_IMAGE, env.get("ISTHMUS_IMAGE"));
        assertTrue(
                Chart.ofKind(objects, "ServiceAccount", HasMetadata.class)
                        .containsKey(
                                Chart.NAMESPACE + "/" + RenderOptions.DEFAULT_SERVICE_ACCOUNT));
    }

    @Test
    void chartCreatesTheClaimRenderedPodsMount() {
        var claims =
                Chart.ofKind(
                        Chart.objects(Chart.template(Chart.values("namespaced"))),
                        "PersistentVolumeClaim",
                        HasMetadata.class);
        assertEquals(
                List.of("team-a/isthmus-runs", "team-b/isthmus-runs"),
                List.copyOf(claims.keySet()));
    }

    @Test
    void workerImagesRunAsTheRenderedPodsUid() throws IOException {
        String golden = Files.readString(Chart.ROOT.resolve("workflows/examples/quickstart.yaml"));
        assertTrue(golden.contains("runAsUser: 65532"), "the golden Workflow runs as 65532");
        for (String image : List.of("workers", "workers-cuda")) {
            assertTrue(ImagesTest.dockerfile(image).contains("\nUSER 65532:65532\n"), image);
        }
    }
}
