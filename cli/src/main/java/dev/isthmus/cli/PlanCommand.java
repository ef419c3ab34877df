package dev.isthmus.cli;

import dev.isthmus.api.plan.Plan;
import dev.isthmus.api.plan.Planner;
import dev.isthmus.api.plan.Task;
import dev.isthmus.api.plan.Work;
import dev.isthmus.workers.store.Json;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code isthmus plan sweep.yaml}: shows the tasks a sweep becomes, with their content keys. */
@Command(name = "plan", description = "Print the plan: stages, tasks, keys and dependencies.")
final class PlanCommand implements Callable<Integer> {

    @Parameters(paramLabel = "SWEEP", description = "Sweep file (YAML or JSON).")
    Path file;

    @Option(names = "--json", description = "Print the plan as JSON.")
    boolean json;

    @picocli.CommandLine.Mixin BudgetOptions budget = new BudgetOptions();

    @Override
    public Integer call() throws Exception {
        var sweep = SpecFile.load(file);
        var estimate = budget.admitHere(sweep, file);
        Plan plan = Planner.plan(sweep);
        if (json) {
            System.out.print(Json.string(plan));
            return IsthmusCommand.OK;
        }
        System.out.printf("sweep %s, spec %s%n", plan.sweep(), plan.specHash().substring(0, 12));
        System.out.print(EstimateText.render(estimate, sweep.spec().execution().parallelism()));
        for (Task t : plan.allTasks()) {
            System.out.printf(
                    "%-12s %s  %-40s <- %s%n",
                    t.id(),
                    t.key().substring(0, 12),
                    describe(t),
                    t.dependsOn().isEmpty() ? "-" : String.join(", ", t.dependsOn()));
        }
        return IsthmusCommand.OK;
    }

    private static String describe(Task t) {
        if (t.work() instanceof Work.Train w) return "train " + w.endpoint();
        if (t.work() instanceof Work.Align w) {
            return "align " + w.b() + " to " + w.a() + " (" + w.alignment() + ")";
        }
        if (t.work() instanceof Work.Evaluate w) {
            return w.path() + " " + w.a() + " → " + w.b() + " (" + w.alignment() + ")";
        }
        if (t.work() instanceof Work.FitCurve w) {
            return "fit bezier " + w.a() + " → " + w.b() + " (" + w.alignment() + ")";
        }
        if (t.work() instanceof Work.Merge w) return "merge all endpoints (" + w.alignment() + ")";
        return "aggregate";
    }
}
