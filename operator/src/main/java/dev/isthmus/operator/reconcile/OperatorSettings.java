package dev.isthmus.operator.reconcile;

import dev.isthmus.workflows.render.RenderOptions;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** Operator configuration ({@code isthmus.*} in application.properties or the environment). */
@ConfigMapping(prefix = "isthmus")
public interface OperatorSettings {

    /** Worker image for rendered pods (default: the release's worker image). */
    Optional<String> image();

    /** Service account the worker pods run as. */
    @WithDefault(RenderOptions.DEFAULT_SERVICE_ACCOUNT)
    String serviceAccount();

    /** Most pods per stage before tasks are batched. */
    @WithDefault("100")
    int maxPodsPerStage();

    /** Where worker pods mount the run store's volume claim. */
    @WithDefault(RenderOptions.DEFAULT_CLAIM_MOUNT_PATH)
    String claimMountPath();

    /** Where worker pods mount their scratch emptyDir (JVM temp files, the summary). */
    @WithDefault(RenderOptions.DEFAULT_SCRATCH_PATH)
    String scratchPath();

    default RenderOptions renderOptions() {
        RenderOptions options =
                RenderOptions.defaults()
                        .withServiceAccount(serviceAccount())
                        .withMaxPodsPerStage(maxPodsPerStage())
                        .withMounts(claimMountPath(), scratchPath());
        return image().map(options::withImage).orElse(options);
    }
}
