package dev.isthmus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code isthmus render} and the options a cluster pod passes to {@code isthmus task}. */
class RenderCommandTest {

    static final String HEAD =
            "apiVersion: isthmus.dev/v1alpha1\nkind: ConnectivitySweep\nmetadata: {name: r}\nspec:\n"
                    + "  model: {architecture: mlp, hidden: [8]}\n"
                    + "  dataset: {name: fashion-mnist}\n"
                    + "  endpoints: {train: {seeds: [0, 1]}}\n";

    @Test
    void rendersTheExampleAsTheGoldenFileShows(@TempDir Path dir) throws Exception {
        CliTest.Outcome o = CliTest.run("render", "../examples/quickstart.yaml");
        assertEquals(0, o.code(), o.err());
        assertEquals(Files.readString(Path.of("../workflows/examples/quickstart.yaml")), o.out());

        Path out = dir.resolve("nightly.yaml");
        CliTest.Outcome cron =
                CliTest.run(
                        "render",
                        "../examples/nightly-regression.yaml",
                        "--generation",
                        "9",
                        "--image",
                        "registry.local/isthmus:dev",
                        "--service-account",
                        "sweeper",
                        "--out",
                        out.toString());
        assertEquals(0, cron.code(), cron.err());
        String yaml = Files.readString(out);
        assertTrue(yaml.contains("kind: CronWorkflow\nmetadata:"), yaml);
        assertTrue(yaml.contains("  name: nightly-regression-g9\n"), yaml);
        assertTrue(yaml.contains("image: registry.local/isthmus:dev\n"), yaml);
        assertTrue(yaml.contains("serviceAccountName: sweeper\n"), yaml);
    }

    @Test
    void aSweepThatCannotRunOnAClusterIsBadInputWithItsFieldPath(@TempDir Path dir)
            throws Exception {
        Path spec = dir.resolve("abs.yaml");
        Files.writeString(spec, HEAD + "  execution: {store: /data/runs}\n");

        CliTest.Outcome o = CliTest.run("render", spec.toString());

        assertEquals(2, o.code());
        assertEquals(
                "isthmus: "
                        + spec
                        + ": 1 problem\nspec.execution.store: an absolute path must lie"
                        + " under /isthmus, where execution.volumeClaim is mounted in cluster pods;"
                        + " use a path relative to the claim, got /data/runs\n",
                o.err());
        CliTest.Outcome invalid = CliTest.run("render", "--generation", "-1", spec.toString());
        assertEquals(2, invalid.code());
        assertTrue(invalid.err().contains("--generation: must be >= 0, got -1"), invalid.err());
    }

    @Test
    void anS3StoreGetsItsCredentialsAndACacheOnTheScratchVolume(@TempDir Path dir)
            throws Exception {
        Path spec = dir.resolve("s3.yaml");
        Files.writeString(
                spec,
                HEAD
                        + "  execution: {store: 's3://runs/isthmus', storeCredentials: {secret:"
                        + " runs-s3}}\n");

        CliTest.Outcome render = CliTest.run("render", spec.toString());

        assertEquals(0, render.code(), render.err());
        assertTrue(render.out().contains("name: runs-s3"), render.out());
        assertTrue(render.out().contains("name: ISTHMUS_CACHE"), render.out());
        assertTrue(!render.out().contains("persistentVolumeClaim"), render.out());
    }

    @Test
    void taskOptionsAreCheckedBeforeAnyWork() {
        String spec = "../examples/quickstart.yaml";
        CliTest.Outcome both =
                CliTest.run("task", "train", "--index", "0", "--spec", spec, "--spec-yaml", "x");
        assertEquals(2, both.code());
        assertTrue(both.err().contains("are mutually exclusive"), both.err());

        CliTest.Outcome summary =
                CliTest.run(
                        "task", "train", "--index", "0", "--spec", spec, "--summary-out", "s.json");
        assertEquals(2, summary.code());
        assertTrue(
                summary.err().contains("--summary-out: applies only to the aggregate stage"),
                summary.err());

        CliTest.Outcome batch =
                CliTest.run("task", "train", "--index", "1", "--batch", "2", "--spec", spec);
        assertEquals(2, batch.code());
        assertTrue(
                batch.err().contains("--index: no batch 1 of 2 tasks: stage train has 2 task(s)"),
                batch.err());

        CliTest.Outcome text =
                CliTest.run("task", "train", "--index", "0", "--spec-yaml", "metadata: {name: x}");
        assertEquals(2, text.code());
        assertEquals(
                "isthmus: --spec-yaml: 3 problems\napiVersion: is required\nkind: is required\n"
                        + "spec: is required\n",
                text.err());
    }
}
