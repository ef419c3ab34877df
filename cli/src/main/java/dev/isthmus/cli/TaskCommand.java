package dev.isthmus.cli;

import dev.isthmus.api.admission.Estimate;
import dev.isthmus.api.admission.Units;
import dev.isthmus.api.plan.Stage;
import dev.isthmus.api.plan.Task;
import dev.isthmus.api.spec.ConnectivitySweep;
import dev.isthmus.api.validation.BadInputException;
import dev.isthmus.api.validation.SweepLoader;
import dev.isthmus.workers.exec.Layout;
import dev.isthmus.workers.exec.SweepContext;
import dev.isthmus.workers.exec.TaskBatch;
import dev.isthmus.workers.report.Results;
import dev.isthmus.workers.report.Summaries;
import dev.isthmus.workers.store.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code isthmus task <stage> --index N --spec sweep.yaml}: runs one task of the plan, or with
 * {@code --batch B} the N-th batch of B tasks: what a cluster worker pod runs. Retries are the
 * caller's business (Argo's retryStrategy); exit code 2 says a retry would not help, exit code 4
 * that this attempt had too little memory (a retry for memory gets more).
 */
@Command(name = "task", description = "Run one task (or a batch) of a sweep's plan: a worker pod.")
final class TaskCommand implements Callable<Integer> {

    @Parameters(
            paramLabel = "STAGE",
            description = "train, align, fit-curve, evaluate or aggregate.")
    String stage;

    @Option(
            names = "--index",
            required = true,
            description = "Task index within the stage; with --batch B, the batch number.")
    int index;

    @Option(
            names = "--batch",
            defaultValue = "1",
            description = "Tasks per batch: run tasks [N*B, min((N+1)*B, n)) of the stage.")
    int batch;

    @ArgGroup(exclusive = true, multiplicity = "1")
    SpecSource spec;

    @Option(
            names = "--store",
            description = "Run store folder or file:// URI (overrides the spec).")
    String store;

    @Option(
            names = "--workdir",
            paramLabel = "DIR",
            description =
                    "Resolve a relative store and relative checkpoint paths against DIR (a pod's"
                            + " mounted volume).")
    Path workdir;

    @Option(
            names = "--summary-out",
            paramLabel = "FILE",
            description = "aggregate: also write the run's small JSON summary to FILE.")
    Path summaryOut;

    /** The sweep: a file, or its text (as a cluster passes it). */
    static final class SpecSource {
        @Option(names = "--spec", required = true, description = "Sweep file (YAML or JSON).")
        Path file;

        @Option(
                names = "--spec-yaml",
                required = true,
                paramLabel = "YAML",
                description = "The sweep document itself.")
        String text;
    }

    @picocli.CommandLine.Mixin BudgetOptions budget = new BudgetOptions();

    @Override
    public Integer call() throws Exception {
        Stage s = Stage.parse(stage);
        if (summaryOut != null && s != Stage.AGGREGATE) {
            throw new BadInputException("--summary-out: applies only to the aggregate stage");
        }
        ConnectivitySweep sweep =
                spec.file != null
                        ? SpecFile.load(spec.file)
                        : SweepLoader.parse(spec.text, "--spec-yaml");
        Estimate estimate = budget.admitPod(sweep, spec.file != null ? spec.file : "--spec-yaml");
        String what = "isthmus task " + s.cliName() + " --index " + index;
        double have = BudgetOptions.machineBytes();
        double need = estimate.processBytes(1);
        if (!budget.overridden() && have < need) {
            System.err.println(
                    "isthmus: "
                            + what
                            + ": this attempt has "
                            + Units.bytes(have)
                            + " of memory (its pod's limit, or this machine's memory) and the task needs about "
                            + Units.bytes(need)
                            + "; it stops before any work, and a retry for memory gets more (up"
                            + " to spec.execution.resources.maxMemory).");
            return IsthmusCommand.OUT_OF_MEMORY;
        }
        try {
            return run(sweep, s);
        } catch (OutOfMemoryError e) {
            System.err.println(
                    "isthmus: "
                            + what
                            + ": the Java heap ("
                            + Units.bytes(Runtime.getRuntime().maxMemory())
                            + " of this attempt's "
                            + Units.bytes(have)
                            + ") ran out; a retry for memory gets more (up"
                            + " to spec.execution.resources.maxMemory).");
            return IsthmusCommand.OUT_OF_MEMORY;
        }
    }

    private int run(ConnectivitySweep sweep, Stage s) throws Exception {
        Path folder = spec.file != null ? spec.file.toAbsolutePath().getParent() : Path.of("");
        try (SweepContext ctx = SpecFile.open(sweep, folder, store, workdir)) {
            List<Task> tasks = TaskBatch.select(ctx.plan(), s, index, batch);
            int code =
                    switch (new TaskBatch(ctx, System.err).run(tasks)) {
                        case DONE -> IsthmusCommand.OK;
                        case BAD_INPUT -> IsthmusCommand.BAD_INPUT;
                        case RETRYABLE_FAILURE -> IsthmusCommand.FAILED;
                    };
            if (summaryOut != null) {
                Results results = ctx.store().readJson(Layout.RESULTS, Results.class);
                Path parent = summaryOut.toAbsolutePath().getParent();
                Files.createDirectories(parent);
                Files.write(summaryOut, Json.bytes(Summaries.run(results)));
            }
            return code;
        }
    }
}
