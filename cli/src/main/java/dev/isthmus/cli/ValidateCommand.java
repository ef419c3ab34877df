package dev.isthmus.cli;

import dev.isthmus.api.plan.Plan;
import dev.isthmus.api.plan.Planner;
import dev.isthmus.api.plan.Stage;
import dev.isthmus.api.spec.ConnectivitySweep;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code isthmus validate sweep.yaml}: reports every problem of a sweep file at once. */
@Command(
        name = "validate",
        description = "Check a sweep file; list every problem with its field path.")
final class ValidateCommand implements Callable<Integer> {

    @Parameters(paramLabel = "SWEEP", description = "Sweep file (YAML or JSON).")
    Path file;

    @picocli.CommandLine.Option(
            names = "--resolved",
            description = "Also print the sweep with every default filled in.")
    boolean resolved;

    @picocli.CommandLine.Mixin BudgetOptions budget = new BudgetOptions();

    @Override
    public Integer call() throws Exception {
        ConnectivitySweep sweep = SpecFile.load(file);
        budget.admitWhereItRuns(sweep, file);
        Plan plan = Planner.plan(sweep);
        if (dev.isthmus.api.spec.ModelSpec.ONNX.equals(sweep.spec().model().architecture())) {
            // The graph is read and every operator checked now, not when a task first needs it;
            // an alignment needs its inferred symmetry, which is proven now too.
            var model =
                    dev.isthmus.workers.models.Models.onnx(
                            sweep.spec().model(), file.toAbsolutePath().getParent());
            boolean aligns =
                    sweep.spec().alignments().stream()
                            .anyMatch(
                                    a -> !dev.isthmus.api.spec.AlignmentSpec.NONE.equals(a.type()));
            if (aligns) model.permutationSpec();
        }
        System.out.printf(
                "%s: valid (%d endpoints, %d curves, %d tasks)%n",
                sweep.name(),
                plan.endpoints().size(),
                plan.tasks(Stage.EVALUATE).size(),
                plan.allTasks().size());
        if (resolved) System.out.print(dev.isthmus.api.validation.SweepLoader.toYaml(sweep));
        return IsthmusCommand.OK;
    }
}
