package dev.isthmus.workflows.render;

import dev.isthmus.api.validation.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * How a sweep is rendered, beyond the sweep itself.
 *
 * @param image the worker image; its {@code isthmus} command runs every task
 * @param serviceAccount the ServiceAccount pods run as (Argo's executor needs its permissions)
 * @param generation the sweep's generation: the Workflow is named {@code <sweep>-g<generation>};
 *     null gives a generated name
 * @param maxPodsPerStage at most this many pods per stage; larger stages run several tasks per pod
 * @param claimMountPath where the run store's volume claim is mounted in pods
 * @param scratchPath where the writable scratch volume (an emptyDir) is mounted in pods
 */
public record RenderOptions(
        String image,
        String serviceAccount,
        Long generation,
        int maxPodsPerStage,
        String claimMountPath,
        String scratchPath) {

    public static final String VERSION = projectVersion();
    public static final String DEFAULT_IMAGE = "ghcr.io/isthmus-dev/isthmus-workers:" + VERSION;
    public static final String DEFAULT_SERVICE_ACCOUNT = "isthmus-worker";
    public static final int DEFAULT_MAX_PODS_PER_STAGE = 100;
    public static final String DEFAULT_CLAIM_MOUNT_PATH = "/isthmus";
    public static final String DEFAULT_SCRATCH_PATH = "/tmp";

    public RenderOptions {
        if (maxPodsPerStage < 1) {
            throw new BadInputException("max pods per stage must be >= 1, got " + maxPodsPerStage);
        }
        if (generation != null && generation < 0) {
            throw new BadInputException("generation must be >= 0, got " + generation);
        }
    }

    public static RenderOptions defaults() {
        return new RenderOptions(
                DEFAULT_IMAGE,
                DEFAULT_SERVICE_ACCOUNT,
                null,
                DEFAULT_MAX_PODS_PER_STAGE,
                DEFAULT_CLAIM_MOUNT_PATH,
                DEFAULT_SCRATCH_PATH);
    }

    public RenderOptions withImage(String image) {
        return new RenderOptions(
                image, serviceAccount, generation, maxPodsPerStage, claimMountPath, scratchPath);
    }

    public RenderOptions withServiceAccount(String account) {
        return new RenderOptions(
                image, account, generation, maxPodsPerStage, claimMountPath, scratchPath);
    }

    public RenderOptions withGeneration(Long generation) {
        return new RenderOptions(
                image, serviceAccount, generation, maxPodsPerStage, claimMountPath, scratchPath);
    }

    public RenderOptions withMaxPodsPerStage(int max) {
        return new RenderOptions(
                image, serviceAccount, generation, max, claimMountPath, scratchPath);
    }

    /** The same options with both pod volumes mounted elsewhere (test harnesses). */
    public RenderOptions withMounts(String claimMountPath, String scratchPath) {
        return new RenderOptions(
                image, serviceAccount, generation, maxPodsPerStage, claimMountPath, scratchPath);
    }

    /** The file the aggregate pod writes its summary to (on the scratch volume). */
    public String summaryPath() {
        return scratchPath + "/isthmus-summary.json";
    }

    private static String projectVersion() {
        try (InputStream in = RenderOptions.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                throw new IllegalStateException("version.properties is missing from the jar");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
