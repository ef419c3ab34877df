package dev.isthmus.operator.reconcile;

import dev.isthmus.workflows.render.RenderOptions;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
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

    /** The Lease that replicas compete for when leader election is active (several replicas). */
    @WithName("leader-election.lease-name")
    @WithDefault("isthmus-operator")
    String leaderElectionLeaseName();

    /** What a sweep gets when its {@code spec.execution} leaves it out (the chart's values). */
    @WithName("default")
    SweepDefaults defaults();

    /** Per-sweep defaults ({@code isthmus.default.*}, e.g. {@code ISTHMUS_DEFAULT_STORE}). */
    interface SweepDefaults {
        /** Run store for sweeps without {@code execution.store}. */
        Optional<String> store();

        /** Secret with the credentials of an s3:// store, for sweeps that name none. */
        Optional<String> storeCredentialsSecret();

        /** Worker pod resources for sweeps without {@code execution.resources}. */
        Resources resources();
    }

    /** CPU and memory as Kubernetes quantities, and a GPU count (0: none). */
    interface Resources {
        Optional<String> cpu();

        Optional<String> memory();

        Optional<Integer> gpu();
    }

    default RenderOptions renderOptions() {
        RenderOptions options =
                RenderOptions.defaults()
                        .withServiceAccount(serviceAccount())
                        .withMaxPodsPerStage(maxPodsPerStage())
                        .withMounts(claimMountPath(), scratchPath());
        return image().map(options::withImage).orElse(options);
    }
}
