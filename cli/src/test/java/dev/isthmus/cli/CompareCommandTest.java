package dev.isthmus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isthmus.workers.metrics.Barriers;
import dev.isthmus.workers.report.Results;
import dev.isthmus.workers.report.Summaries;
import dev.isthmus.workers.store.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code isthmus compare}: the nightly regression gate and its exit codes. */
class CompareCommandTest {

    private static Results.CurveResult curve(String alignment, double lin) {
        double[] alphas = {0, 0.5, 1};
        return new Results.CurveResult(
                "a",
                "b",
                alignment,
                "linear",
                alphas,
                new double[] {0.3, 0.3 + lin, 0.3},
                new double[] {0.9, 0.8, 0.9},
                new Barriers(lin, lin, lin, 0.5),
                new Barriers(0.1, 0.1, 0.1, 0.5),
                null,
                null);
    }

    private static Path run(Path dir, String name, double none, double wm, String regression)
            throws Exception {
        Path run = Files.createDirectories(dir.resolve(name));
        List<Results.CurveResult> curves =
                List.of(curve("none", none), curve("weight-matching", wm));
        Results r =
                new Results(
                        Results.SCHEMA,
                        "nightly",
                        "h",
                        "mlp",
                        "data",
                        100,
                        List.of(),
                        List.of(),
                        curves,
                        Summaries.of(curves),
                        List.of(),
                        Map.of());
        Files.write(run.resolve("results.json"), Json.bytes(r));
        Files.writeString(
                run.resolve("spec.yaml"),
                "apiVersion: isthmus.dev/v1alpha1\nkind: ConnectivitySweep\n"
                        + "metadata: {name: nightly}\nspec:\n  model: {architecture: mlp, hidden: [8]}\n"
                        + "  dataset: {name: fashion-mnist}\n  endpoints: {train: {seeds: [0, 1]}}\n"
                        + "  alignments: [none, weight-matching]\n"
                        + regression);
        return run;
    }

    @Test
    void passesWithinTheGateAndReportsChanges(@TempDir Path dir) throws Exception {
        Path before = run(dir, "before", 1.6, 0.010, "");
        Path after =
                run(
                        dir,
                        "after",
                        1.9,
                        0.020,
                        "  regression: {maxLossBarrier: 0.05, maxIncrease: 0.02}\n");
        CliTest.Outcome o = CliTest.run("compare", before.toString(), after.toString());
        assertEquals(0, o.code(), o.out() + o.err());
        assertTrue(
                o.out()
                        .contains(
                                "weight-matching      linear        0.0100      0.0200   +0.0100  ok"),
                o.out());
        // The naive row is reported but not gated while an aligned row exists.
        assertTrue(
                o.out()
                        .contains(
                                "none                 linear        1.6000      1.9000   +0.3000  -"),
                o.out());
        assertTrue(o.out().contains("regression gate passed"), o.out());
    }

    @Test
    void exitsWithThreeWhenTheBarrierOrItsGrowthBreaksTheGate(@TempDir Path dir) throws Exception {
        Path before = run(dir, "before", 1.6, 0.010, "");
        Path tooHigh = run(dir, "high", 1.6, 0.080, "  regression: {maxLossBarrier: 0.05}\n");
        CliTest.Outcome o = CliTest.run("compare", before.toString(), tooHigh.toString());
        assertEquals(3, o.code(), o.out());
        assertTrue(o.out().contains("FAIL: barrier 0.0800 > maxLossBarrier 0.0500"), o.out());
        assertTrue(o.out().contains("regression gate FAILED"));

        Path grew =
                run(
                        dir,
                        "grew",
                        1.6,
                        0.040,
                        "  regression: {maxLossBarrier: 0.05, maxIncrease: 0.02}\n");
        o =
                CliTest.run(
                        "compare",
                        before.resolve("results.json").toString(),
                        grew.resolve("results.json").toString());
        assertEquals(3, o.code(), o.out());
        assertTrue(o.out().contains("FAIL: increase 0.0300 > maxIncrease 0.0200"), o.out());
    }

    @Test
    void withoutAGateNothingIsEnforcedAndMissingRunsAreBadInput(@TempDir Path dir)
            throws Exception {
        Path before = run(dir, "before", 1.6, 0.010, "");
        Path after = run(dir, "after", 1.6, 0.900, "");
        CliTest.Outcome o = CliTest.run("compare", before.toString(), after.toString());
        assertEquals(0, o.code());
        assertTrue(o.out().contains("no regression gate"), o.out());
        assertEquals(
                2,
                CliTest.run("compare", before.toString(), dir.resolve("nope").toString()).code());
    }
}
