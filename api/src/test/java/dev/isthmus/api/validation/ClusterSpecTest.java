package dev.isthmus.api.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.isthmus.api.spec.ConnectivitySweep;
import dev.isthmus.api.spec.ExecutionSpec;
import dev.isthmus.api.spec.ResourcesSpec;
import dev.isthmus.api.spec.ScheduleSpec;
import dev.isthmus.api.spec.StoreCredentialsSpec;
import dev.isthmus.api.spec.TolerationSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cluster-only fields load as written, keep their meaning through defaults, round-trip. */
class ClusterSpecTest {

    @Test
    void clusterFieldsLoadAndRoundTrip() {
        String document =
                Documents.MINIMAL
                        + """
                          execution:
                            store: s3://isthmus-runs/nightly
                            resources: {gpu: 1, cpu: "4", memory: 16Gi, maxMemory: 64Gi}
                            nodeSelector: {nvidia.com/gpu.product: A100-SXM4-80GB}
                            tolerations: [{key: nvidia.com/gpu, operator: Exists, effect: NoSchedule}]
                            storeCredentials: {secret: isthmus-s3}
                          schedule: {crons: ["0 2 * * *", "30 14 * * SAT"], timezone: Europe/Berlin, history: 5}
                        """;

        ConnectivitySweep sweep = SweepLoader.parse(document, null);

        ExecutionSpec execution = sweep.spec().execution();
        assertEquals(new ResourcesSpec(1, "4", "16Gi", "64Gi"), execution.resources());
        assertEquals(Map.of("nvidia.com/gpu.product", "A100-SXM4-80GB"), execution.nodeSelector());
        assertEquals(
                List.of(new TolerationSpec("nvidia.com/gpu", "Exists", null, "NoSchedule", null)),
                execution.tolerations());
        assertEquals(new StoreCredentialsSpec("isthmus-s3"), execution.storeCredentials());
        assertNull(execution.volumeClaim(), "cluster defaults belong to the renderer");
        assertEquals(
                new ScheduleSpec(List.of("0 2 * * *", "30 14 * * SAT"), "Europe/Berlin", null, 5),
                sweep.spec().schedule());
        assertEquals(sweep, SweepLoader.parse(SweepLoader.toYaml(sweep), null));
    }

    @Test
    void aScheduleStringIsShorthandForOneCron() {
        ConnectivitySweep shorthand =
                SweepLoader.parse(Documents.minimalWith("spec.schedule", "'@daily'"), null);
        ConnectivitySweep object =
                SweepLoader.parse(
                        Documents.minimalWith("spec.schedule", "{crons: ['@daily']}"), null);

        assertEquals(object, shorthand);
        assertEquals(List.of("@daily"), shorthand.spec().schedule().crons());
    }

    @Test
    void cronNamesListsStepsAndQuestionMarksAreAccepted() {
        for (String cron :
                List.of(
                        "*/15 0-6,22-23 ? JAN-MAR,dec mon-fri",
                        "5 4 1/2 * 0",
                        "@hourly",
                        "0 0 31 12 ?")) {
            assertNull(CronExpression.problem(cron), cron);
        }
    }
}
