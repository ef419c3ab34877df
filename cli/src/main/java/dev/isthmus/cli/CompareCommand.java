package dev.isthmus.cli;

import dev.isthmus.api.result.RegressionGate;
import dev.isthmus.api.spec.ConnectivitySweep;
import dev.isthmus.api.spec.RegressionSpec;
import dev.isthmus.api.validation.SweepLoader;
import dev.isthmus.workers.exec.Layout;
import dev.isthmus.workers.report.Results;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code isthmus compare <before> <after>}: barrier changes per alignment × path, and exit code 3
 * when the newer run fails its spec's regression gate (what a nightly pipeline calls).
 */
@Command(name = "compare", description = "Compare two runs; exit 3 when the regression gate fails.")
final class CompareCommand implements Callable<Integer> {
    static final int REGRESSED = 3;

    @Parameters(
            index = "0",
            paramLabel = "BEFORE",
            description = "Older run folder (or its results.json).")
    Path before;

    @Parameters(
            index = "1",
            paramLabel = "AFTER",
            description = "Newer run folder (or its results.json).")
    Path after;

    @Option(
            names = "--spec",
            description =
                    "Sweep file whose regression gate applies (default: the newer run's spec.yaml).")
    Path spec;

    @Override
    public Integer call() throws Exception {
        Results a = read(before);
        Results b = read(after);
        RegressionSpec gate = gate();
        List<RegressionGate.Row> rows =
                RegressionGate.check(
                        gate,
                        RegressionGate.barriers(b.summary(), gate),
                        RegressionGate.byKey(RegressionGate.barriers(a.summary(), gate)));
        System.out.printf(
                Locale.ROOT,
                "%-20s %-8s %11s %11s %9s  %s%n",
                "alignment",
                "path",
                "before",
                "after",
                "change",
                gate != null && gate.upperBound()
                        ? "gate (worst pair's upper end of the loss barrier lin interval)"
                        : "gate (worst pair's loss barrier lin)");
        for (RegressionGate.Row r : rows) {
            String change =
                    r.before() == null
                            ? "-"
                            : String.format(Locale.ROOT, "%+.4f", r.after() - r.before());
            String verdict =
                    !r.gated() || gate == null
                            ? "-"
                            : r.failures().isEmpty()
                                    ? "ok"
                                    : "FAIL: " + String.join("; ", r.failures());
            System.out.printf(
                    Locale.ROOT,
                    "%-20s %-8s %11s %11.4f %9s  %s%n",
                    r.alignment(),
                    r.path(),
                    r.before() == null ? "-" : String.format(Locale.ROOT, "%.4f", r.before()),
                    r.after(),
                    change,
                    verdict);
        }
        if (gate == null) {
            System.out.println("no regression gate in the spec: nothing to enforce");
            return IsthmusCommand.OK;
        }
        boolean ok = RegressionGate.passed(rows);
        System.out.println(ok ? "regression gate passed" : "regression gate FAILED");
        return ok ? IsthmusCommand.OK : REGRESSED;
    }

    private RegressionSpec gate() throws Exception {
        Path file = spec != null ? spec : folder(after).resolve(Layout.SPEC);
        if (!Files.isRegularFile(file))
            throw new NoSuchFileException(file + ": no sweep spec (pass --spec)");
        ConnectivitySweep sweep = SweepLoader.load(file);
        return sweep.spec().regression();
    }

    private static Path folder(Path run) {
        return Files.isDirectory(run) ? run : run.toAbsolutePath().getParent();
    }

    private static Results read(Path run) throws Exception {
        Path file = Files.isDirectory(run) ? run.resolve(Layout.RESULTS) : run;
        if (!Files.isRegularFile(file)) throw new NoSuchFileException(file + ": no results.json");
        return Results.read(Files.readAllBytes(file), file.toString());
    }
}
