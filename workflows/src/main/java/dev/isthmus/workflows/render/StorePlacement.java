package dev.isthmus.workflows.render;

import dev.isthmus.api.spec.CheckpointRef;
import dev.isthmus.api.spec.ExecutionSpec;
import dev.isthmus.api.spec.SweepSpec;
import dev.isthmus.api.validation.Problem;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvFromSourceBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where a sweep's files live in a cluster pod. A {@code file://} store (and any relative checkpoint
 * path) lives on a PersistentVolumeClaim shared by all pods, mounted at the claim mount path, which
 * pods pass as {@code --workdir} so relative paths mean the same as beside a local sweep file. An
 * {@code s3://} store needs no volume; its credentials come from a Secret as environment variables.
 * A scratch emptyDir is always mounted for the JVM's temporary files and the summary.
 *
 * @param claim the volume claim mounted in pods, or null
 * @param problems what cannot run on a cluster, with field paths
 */
record StorePlacement(String claim, String credentialsSecret, List<Problem> problems) {

    /** The claim a file:// store uses when {@code execution.volumeClaim} is not set. */
    static final String DEFAULT_CLAIM = "isthmus-runs";

    static final String CLAIM_VOLUME = "store";
    static final String SCRATCH_VOLUME = "scratch";

    static StorePlacement of(SweepSpec spec, String mountPath) {
        ExecutionSpec execution = spec.execution();
        List<Problem> problems = new ArrayList<>();
        boolean s3 = isS3(execution.store());
        String claim = execution.volumeClaim();
        if (!s3) {
            claim = claim == null ? DEFAULT_CLAIM : claim;
            onClaim("spec.execution.store", execution.store(), mountPath, problems);
        }
        List<CheckpointRef> checkpoints = spec.endpoints().checkpoints();
        for (int i = 0; checkpoints != null && i < checkpoints.size(); i++) {
            input(
                    "spec.endpoints.checkpoints[" + i + "].uri",
                    "checkpoint",
                    checkpoints.get(i).uri(),
                    claim,
                    mountPath,
                    problems);
        }
        if (spec.model().file() != null) {
            input("spec.model.file", "ONNX", spec.model().file(), claim, mountPath, problems);
        }
        String[][] data = {
            {"spec.dataset.trainFile", spec.dataset().trainFile()},
            {"spec.dataset.evalFile", spec.dataset().evalFile()}
        };
        for (String[] d : data) {
            if (d[1] != null) input(d[0], "dataset", d[1], claim, mountPath, problems);
        }
        String secret =
                execution.storeCredentials() == null ? null : execution.storeCredentials().secret();
        return new StorePlacement(claim, secret, List.copyOf(problems));
    }

    /**
     * A file the pods read: an {@code s3://} object is fetched with the store's credentials, any
     * other location must lie on the claim.
     */
    private static void input(
            String field,
            String kind,
            String location,
            String claim,
            String mountPath,
            List<Problem> problems) {
        if (isS3(location)) return;
        if (claim == null) {
            problems.add(
                    new Problem(
                            field,
                            "a cluster run reads "
                                    + kind
                                    + " files from execution.volumeClaim, which is not set"
                                    + " (or give an s3:// object)"));
        } else {
            onClaim(field, location, mountPath, problems);
        }
    }

    private static boolean isS3(String location) {
        return location.toLowerCase(Locale.ROOT).startsWith("s3://");
    }

    /** An absolute path is only reachable in a pod when it lies on the mounted claim. */
    private static void onClaim(
            String field, String location, String mountPath, List<Problem> problems) {
        String path =
                location.toLowerCase(Locale.ROOT).startsWith("file://")
                        ? location.substring("file://".length())
                        : location;
        if (path.startsWith("/") && !(path + "/").startsWith(mountPath + "/")) {
            problems.add(
                    new Problem(
                            field,
                            "an absolute path must lie under "
                                    + mountPath
                                    + ", where execution.volumeClaim is mounted in cluster"
                                    + " pods; use a path relative to the claim, got "
                                    + location));
        }
    }

    List<Volume> volumes() {
        List<Volume> volumes = new ArrayList<>();
        volumes.add(
                new VolumeBuilder()
                        .withName(SCRATCH_VOLUME)
                        .withNewEmptyDir()
                        .endEmptyDir()
                        .build());
        if (claim != null) {
            volumes.add(
                    new VolumeBuilder()
                            .withName(CLAIM_VOLUME)
                            .withNewPersistentVolumeClaim()
                            .withClaimName(claim)
                            .endPersistentVolumeClaim()
                            .build());
        }
        return volumes;
    }

    List<VolumeMount> mounts(RenderOptions options) {
        List<VolumeMount> mounts = new ArrayList<>();
        mounts.add(mount(SCRATCH_VOLUME, options.scratchPath()));
        if (claim != null) {
            mounts.add(mount(CLAIM_VOLUME, options.claimMountPath()));
        }
        return mounts;
    }

    /** The arguments that point {@code isthmus task} at the mounted claim, if any. */
    List<String> workdirArgs(RenderOptions options) {
        return claim == null ? List.of() : List.of("--workdir", options.claimMountPath());
    }

    List<EnvFromSource> envFrom() {
        if (credentialsSecret == null) {
            return List.of();
        }
        return List.of(
                new EnvFromSourceBuilder()
                        .withNewSecretRef()
                        .withName(credentialsSecret)
                        .endSecretRef()
                        .build());
    }

    private static VolumeMount mount(String volume, String path) {
        return new VolumeMountBuilder().withName(volume).withMountPath(path).build();
    }
}
