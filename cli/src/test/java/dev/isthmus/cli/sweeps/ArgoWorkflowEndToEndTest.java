package dev.isthmus.cli.sweeps;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.isthmus.api.result.RunSummary;
import dev.isthmus.api.spec.ConnectivitySweep;
import dev.isthmus.api.validation.SweepLoader;
import dev.isthmus.cli.IsthmusCommand;
import dev.isthmus.workers.report.Results;
import dev.isthmus.workers.report.Summaries;
import dev.isthmus.workers.store.Json;
import dev.isthmus.workflows.argo.ArgoYaml;
import dev.isthmus.workflows.render.RenderOptions;
import dev.isthmus.workflows.render.WorkflowHarness;
import dev.isthmus.workflows.render.WorkflowRenderer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rendered Argo Workflow, executed pod by pod with each pod's real {@code isthmus} arguments
 * ({@link WorkflowHarness}), produces the same results as {@code isthmus run}; a killed pod is
 * retried, bad input is not, and the aggregate pod publishes the summary.
 */
@Tag("slow")
class ArgoWorkflowEndToEndTest {

    static final String TINY =
            "  model: {architecture: mlp, hidden: [16]}\n"
                    + "  dataset: {name: sparse-parity, bits: 20, relevant: 3, trainExamples: 300,"
                    + " evalExamples: 200}\n"
                    + "  alphas: 5\n"
                    + "  execution: {parallelism: 2, retries: 1, threads: 1}\n";

    @Test
    void renderedWorkflowReproducesTheLocalRun(@TempDir Path dir) throws Exception {
        Path spec =
                Sweeps.write(
                        dir,
                        "argo",
                        TINY
                                + "  endpoints: {train: {seeds: [0, 1, 2], epochs: 1, batchSize: 50}}\n"
                                + "  alignments: [none, weight-matching]\n"
                                + "  paths: [linear, {type: bezier, epochs: 1}]\n");
        Cluster cluster = new Cluster(dir, SweepLoader.load(spec));

        // The first attempt of one evaluate pod is OOM-killed before it starts: Argo retries it.
        Map<String, String> phases =
                cluster.harness.run(
                        (pod, attempt, command, args) ->
                                pod.equals("evaluate(1)") && attempt == 1
                                        ? 137
                                        : cluster.isthmus(command, args));

        assertEquals(
                Map.of(
                        "train",
                        "Succeeded",
                        "align",
                        "Succeeded",
                        "fit-curve",
                        "Succeeded",
                        "evaluate",
                        "Succeeded",
                        "aggregate",
                        "Succeeded"),
                phases);
        assertEquals(List.of(137, 0), cluster.exitCodes("evaluate(1)"));
        assertEquals(
                List.of(
                        "train(0)",
                        "train(1)",
                        "align(0)",
                        "align(1)",
                        "fit-curve(0)",
                        "fit-curve(1)",
                        "evaluate(0)",
                        "evaluate(1)",
                        "evaluate(1)",
                        "aggregate"),
                cluster.harness.attempts.stream().map(WorkflowHarness.Attempt::pod).toList(),
                "3 trainings, 6 alignments, 6 fits and 12 curves in 2 pods per stage");

        Path local = dir.resolve("local");
        assertEquals(
                0, IsthmusCommand.execute("run", spec.toString(), "--store", local.toString()));
        Path onCluster = cluster.claim.resolve("runs/argo");
        assertEquals(
                TaskByTaskTest.withoutTimings(local.resolve("argo/results.json")),
                TaskByTaskTest.withoutTimings(onCluster.resolve("results.json")));
        assertEquals(
                Files.readString(local.resolve("argo/curves.csv")),
                Files.readString(onCluster.resolve("curves.csv")));

        Results results =
                Json.read(
                        Files.readAllBytes(onCluster.resolve("results.json")),
                        Results.class,
                        "results");
        RunSummary summary =
                Json.MAPPER.readValue(cluster.harness.outputs.get("summary"), RunSummary.class);
        assertEquals(Summaries.run(results), summary);
        assertEquals(12, summary.curves());
        assertEquals(4, summary.summary().size(), "2 alignments x 2 paths");
    }

    @Test
    void badInputIsNotRetriedAndTheRestOfTheSweepStillAggregates(@TempDir Path dir)
            throws Exception {
        Path spec =
                Sweeps.write(
                        dir,
                        "corrupt",
                        TINY
                                + "  endpoints:\n"
                                + "    train: {seeds: [0, 1], epochs: 1, batchSize: 50}\n"
                                + "    checkpoints: [{name: broken, uri: broken.safetensors}]\n"
                                + "  pairs: [[seed-0, seed-1], [seed-0, broken]]\n");
        Cluster cluster = new Cluster(dir, SweepLoader.load(spec));
        Files.writeString(cluster.claim.resolve("broken.safetensors"), "not a safetensors file");

        Map<String, String> phases =
                cluster.harness.run(
                        (pod, attempt, command, args) -> cluster.isthmus(command, args));

        assertEquals("Failed", phases.get("align"));
        assertEquals("Failed", phases.get("evaluate"));
        assertEquals("Succeeded", phases.get("aggregate"));
        assertEquals(List.of(0), cluster.exitCodes("align(0)"));
        assertEquals(
                List.of(2), cluster.exitCodes("align(1)"), "a corrupt checkpoint is not retried");
        assertEquals(
                List.of(2), cluster.exitCodes("evaluate(1)"), "its curve is not run, nor retried");
        RunSummary summary =
                Json.MAPPER.readValue(cluster.harness.outputs.get("summary"), RunSummary.class);
        assertEquals(1, summary.curves());
        assertEquals(List.of("align-1", "evaluate-1"), summary.failedTasks());
    }

    /** A rendered workflow with its two volumes as folders under {@code dir}. */
    static final class Cluster {
        final Path claim;
        final WorkflowHarness harness;

        Cluster(Path dir, ConnectivitySweep sweep) throws Exception {
            claim = Files.createDirectories(dir.resolve("claim"));
            Path scratch = Files.createDirectories(dir.resolve("scratch"));
            RenderOptions options =
                    RenderOptions.defaults()
                            .withMounts(claim.toString(), scratch.toString())
                            .withMaxPodsPerStage(2);
            harness = new WorkflowHarness(ArgoYaml.write(WorkflowRenderer.render(sweep, options)));
        }

        int isthmus(List<String> command, List<String> args) {
            assertEquals(List.of("isthmus"), command);
            return IsthmusCommand.execute(args.toArray(String[]::new));
        }

        List<Integer> exitCodes(String pod) {
            return harness.attempts.stream()
                    .filter(a -> a.pod().equals(pod))
                    .map(WorkflowHarness.Attempt::exitCode)
                    .toList();
        }
    }
}
