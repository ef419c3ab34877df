package dev.isthmus.workflows.render;

import dev.isthmus.api.plan.Plan;
import dev.isthmus.api.plan.Stage;
import dev.isthmus.workflows.argo.Arguments;
import dev.isthmus.workflows.argo.DagTask;
import dev.isthmus.workflows.argo.DagTemplate;
import dev.isthmus.workflows.argo.Parameter;
import dev.isthmus.workflows.argo.Sequence;
import dev.isthmus.workflows.argo.Template;
import java.util.ArrayList;
import java.util.List;

/**
 * The DAG of a plan: one task per non-empty stage, in stage order, each fanned out over its pods
 * with {@code withSequence}, each starting when the stage before it has finished. A stage starts
 * even when some pods of the one before failed (as {@code isthmus run} does): its tasks whose
 * inputs failed exit with bad input, the rest keep their results, and aggregation always runs. For
 * the same reason the DAG does not fail fast.
 *
 * @param dag the entrypoint's DAG
 * @param templates the stage templates the DAG's tasks run, in stage order
 */
record StageDag(DagTemplate dag, List<Template> templates, List<StageFanOut> fanOuts) {

    static StageDag of(Plan plan, int maxPodsPerStage, StageTemplates stageTemplates) {
        List<DagTask> tasks = new ArrayList<>();
        List<Template> templates = new ArrayList<>();
        List<StageFanOut> fanOuts = new ArrayList<>();
        String previous = null;
        for (Stage stage : Stage.values()) {
            int n = plan.tasks(stage).size();
            if (n == 0) {
                continue;
            }
            String name = WorkflowRenderer.templateName(stage);
            String depends = previous == null ? null : finished(previous);
            if (stage == Stage.AGGREGATE) {
                templates.add(stageTemplates.aggregate());
                tasks.add(new DagTask(name, name, depends, null, null));
            } else {
                StageFanOut fanOut = StageFanOut.of(stage, n, maxPodsPerStage);
                fanOuts.add(fanOut);
                templates.add(stageTemplates.compute(fanOut));
                Arguments item = Arguments.of(Parameter.of(StageTemplates.ITEM, "{{item}}"));
                tasks.add(new DagTask(name, name, depends, item, Sequence.of(fanOut.pods())));
            }
            previous = name;
        }
        return new StageDag(
                new DagTemplate(false, List.copyOf(tasks)),
                List.copyOf(templates),
                List.copyOf(fanOuts));
    }

    /** Argo's depends expression for "task has finished, however it ended". */
    static String finished(String task) {
        return task + ".Succeeded || " + task + ".Failed || " + task + ".Errored";
    }
}
