package dev.isthmus.cli;

import dev.isthmus.api.plan.Plan;
import dev.isthmus.api.plan.Stage;
import dev.isthmus.api.spec.ConnectivitySweep;
import dev.isthmus.workers.exec.Interruption;
import dev.isthmus.workers.exec.Layout;
import dev.isthmus.workers.exec.LocalExecutor;
import dev.isthmus.workers.exec.Preflight;
import dev.isthmus.workers.exec.SweepContext;
import dev.isthmus.workers.exec.TaskRunner;
import dev.isthmus.workers.progress.ConsoleProgress;
import dev.isthmus.workers.report.HtmlReport;
import dev.isthmus.workers.report.Results;
import dev.isthmus.workers.report.SummaryTable;
import dev.isthmus.workers.store.RunLock;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code isthmus run sweep.yaml}: runs a whole sweep on this machine, resuming if interrupted. */
@Command(name = "run", description = "Run a sweep locally (re-running resumes where it stopped).")
final class RunCommand implements Callable<Integer> {

    @Parameters(paramLabel = "SWEEP", description = "Sweep file (YAML or JSON).")
    Path file;

    @Option(
            names = "--store",
            description = "Run store folder or file:// URI (overrides the spec).")
    String store;

    @picocli.CommandLine.Mixin BudgetOptions budget = new BudgetOptions();

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        ConnectivitySweep sweep = SpecFile.load(file);
        budget.admitHere(sweep, file);
        try (SweepContext ctx = SpecFile.open(file, sweep, store);
                RunLock lock = RunLock.acquire(ctx.store().root())) {
            Preflight.check(ctx);
            Plan plan = ctx.plan();
            var err = System.err;
            err.printf(
                    Locale.ROOT,
                    "%s: %d endpoints, %d train, %d align, %d evaluate tasks → %s%n",
                    plan.sweep(),
                    plan.endpoints().size(),
                    plan.tasks(Stage.TRAIN).size(),
                    plan.tasks(Stage.ALIGN).size(),
                    plan.tasks(Stage.EVALUATE).size(),
                    ctx.store().describe("."));
            TaskRunner runner = new TaskRunner(ctx, t -> ConsoleProgress.stderr(t.id()));
            var exec = sweep.spec().execution();
            LocalExecutor executor =
                    new LocalExecutor(runner, exec.parallelism(), exec.retries(), err);
            Thread onSignal = Interruption.hook(ctx, executor, err);
            Runtime.getRuntime().addShutdownHook(onSignal);
            LocalExecutor.Report report;
            try {
                report = executor.run(plan);
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(onSignal);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running: it reports the interruption
                }
            }
            if (report.failed().contains("aggregate-0")) {
                err.println("no summary: aggregation failed (see above)");
                return IsthmusCommand.FAILED;
            }
            Results results = ctx.store().readJson(Layout.RESULTS, Results.class);
            ctx.store()
                    .write(
                            Layout.REPORT,
                            HtmlReport.render(results)
                                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            System.out.print(SummaryTable.render(results));
            System.out.printf(
                    Locale.ROOT,
                    "%nresults: %s%ncurves:  %s%nreport:  %s%n%d task(s) ran, %d already done,"
                            + " %.1f s%n",
                    ctx.store().describe(Layout.RESULTS),
                    ctx.store().describe(Layout.CURVES_CSV),
                    ctx.store().describe(Layout.REPORT),
                    report.ran(),
                    report.skipped(),
                    (System.nanoTime() - start) / 1e9);
            if (report.ok()) return IsthmusCommand.OK;
            return report.onlyBadInput() ? IsthmusCommand.BAD_INPUT : IsthmusCommand.FAILED;
        }
    }
}
