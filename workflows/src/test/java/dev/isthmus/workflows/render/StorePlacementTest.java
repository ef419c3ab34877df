package dev.isthmus.workflows.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isthmus.api.validation.SpecException;
import dev.isthmus.workflows.argo.WorkflowSpec;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every pod sees the same run store: a shared volume claim, or s3 with its credentials. */
class StorePlacementTest {

    @Test
    void aFileStoreLivesOnTheDefaultClaimMountedAsTheWorkdir() {
        WorkflowSpec spec = render(TestSweeps.small("{store: file://runs}"));

        assertEquals("isthmus-runs", claim(spec));
        List<String> args = container(spec, "evaluate").getArgs();
        assertEquals("/isthmus", args.get(args.indexOf("--workdir") + 1));
        assertEquals(
                List.of("/tmp", "/isthmus"),
                container(spec, "evaluate").getVolumeMounts().stream()
                        .map(m -> m.getMountPath())
                        .toList());
    }

    @Test
    void theSpecNamesItsOwnClaim() {
        assertEquals("sweeps-rwx", claim(render(TestSweeps.small("{volumeClaim: sweeps-rwx}"))));
    }

    @Test
    void anS3StoreGetsItsCredentialsFromTheSecretAndNoClaim() {
        WorkflowSpec spec =
                render(
                        TestSweeps.small(
                                "{store: 's3://runs/isthmus', storeCredentials: {secret: isthmus-s3}}"));
        Container aggregate = container(spec, "aggregate");

        assertEquals(List.of("scratch"), spec.volumes().stream().map(Volume::getName).toList());
        assertEquals("isthmus-s3", aggregate.getEnvFrom().get(0).getSecretRef().getName());
        assertTrue(!aggregate.getArgs().contains("--workdir"), aggregate.getArgs().toString());
    }

    @Test
    void pathsThePodsCannotReachAreRejectedWithTheirField() {
        SpecException e =
                assertThrows(
                        SpecException.class,
                        () -> render(TestSweeps.small("{store: 'file:///data/runs'}")));
        assertEquals(
                "spec.execution.store: an absolute path must lie under /isthmus, where"
                        + " execution.volumeClaim is mounted in cluster pods; use a path relative"
                        + " to the claim, got file:///data/runs",
                e.getMessage());

        String checkpointsOnS3 =
                "  model: {architecture: mlp, hidden: [16]}\n"
                        + "  dataset: {name: fashion-mnist}\n"
                        + "  endpoints: {checkpoints: [{name: a, uri: a.safetensors},"
                        + " {name: b, uri: /isthmus/b.safetensors}]}\n"
                        + "  execution: {store: 's3://runs/x'}\n";
        e = assertThrows(SpecException.class, () -> render(checkpointsOnS3));
        assertEquals(2, e.problems().size());
        assertEquals(
                "spec.endpoints.checkpoints[0].uri: a cluster run reads checkpoint files from"
                        + " execution.volumeClaim, which is not set (or give an s3:// object)",
                e.problems().get(0).toString());

        String graphOffTheClaim =
                "  model: {architecture: onnx, file: nets/model.onnx}\n"
                        + "  dataset: {name: tensors, trainFile: 's3://data/train.safetensors',"
                        + " evalFile: /isthmus/test.safetensors}\n"
                        + "  endpoints: {checkpoints: [{name: a, uri: 's3://nets/a.safetensors'},"
                        + " {name: b, uri: 's3://nets/b.safetensors'}]}\n"
                        + "  execution: {store: 's3://runs/x'}\n";
        e = assertThrows(SpecException.class, () -> render(graphOffTheClaim));
        assertEquals(
                List.of(
                        "spec.model.file: a cluster run reads ONNX files from"
                                + " execution.volumeClaim, which is not set (or give an s3://"
                                + " object)",
                        "spec.dataset.evalFile: a cluster run reads dataset files from"
                                + " execution.volumeClaim, which is not set (or give an s3://"
                                + " object)"),
                e.problems().stream().map(Object::toString).toList());
    }

    @Test
    void inputsOnS3NeedNoClaimAndReadWithTheStoresCredentials() {
        WorkflowSpec spec =
                render(
                        "  model: {architecture: onnx, file: 's3://nets/mlp/model.onnx'}\n"
                                + "  dataset: {name: fashion-mnist}\n"
                                + "  endpoints: {checkpoints: [{name: a, uri:"
                                + " 's3://nets/mlp/a.safetensors'}, {name: b, uri:"
                                + " 's3://nets/mlp/b.safetensors'}]}\n"
                                + "  execution: {store: 's3://runs/x', storeCredentials: {secret:"
                                + " isthmus-s3}}\n");
        assertEquals(List.of("scratch"), spec.volumes().stream().map(Volume::getName).toList());
        assertEquals(
                "isthmus-s3",
                container(spec, "evaluate").getEnvFrom().get(0).getSecretRef().getName());
    }

    @Test
    void anAbsolutePathOnTheClaimIsFine() {
        assertEquals("isthmus-runs", claim(render(TestSweeps.small("{store: '/isthmus/runs'}"))));
    }

    static WorkflowSpec render(String body) {
        return WorkflowRenderer.render(TestSweeps.sweep("store", body), RenderOptions.defaults())
                .workflowSpec();
    }

    static Container container(WorkflowSpec spec, String template) {
        return spec.templates().stream()
                .filter(t -> t.name().equals(template))
                .findFirst()
                .orElseThrow()
                .container();
    }

    private static String claim(WorkflowSpec spec) {
        return spec.volumes().stream()
                .filter(v -> v.getPersistentVolumeClaim() != null)
                .findFirst()
                .orElseThrow()
                .getPersistentVolumeClaim()
                .getClaimName();
    }
}
