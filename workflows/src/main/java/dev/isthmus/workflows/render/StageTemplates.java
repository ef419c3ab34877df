package dev.isthmus.workflows.render;

import dev.isthmus.api.plan.Stage;
import dev.isthmus.api.spec.ExecutionSpec;
import dev.isthmus.workflows.argo.Inputs;
import dev.isthmus.workflows.argo.Outputs;
import dev.isthmus.workflows.argo.Parameter;
import dev.isthmus.workflows.argo.PodMetadata;
import dev.isthmus.workflows.argo.Template;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One container template per stage. Compute stages take the pod's batch number as input parameter
 * {@value #ITEM} and run {@code isthmus task <stage> --index <item> --batch B}; aggregation runs
 * once and publishes the run's summary as output parameter {@value #SUMMARY}.
 */
final class StageTemplates {

    static final String ITEM = "item";
    static final String SUMMARY = WorkflowRenderer.SUMMARY_PARAMETER;
    static final String SPEC_PARAMETER = "spec";
    static final String STAGE_LABEL = "isthmus.dev/stage";

    private final String sweep;
    private final ExecutionSpec execution;
    private final RenderOptions options;
    private final StorePlacement store;

    StageTemplates(
            String sweep, ExecutionSpec execution, RenderOptions options, StorePlacement store) {
        this.sweep = sweep;
        this.execution = execution;
        this.options = options;
        this.store = store;
    }

    /** A compute stage: train, align, fit-curve or evaluate. */
    Template compute(StageFanOut fanOut) {
        String stage = WorkflowRenderer.templateName(fanOut.stage());
        List<String> args = new ArrayList<>();
        args.addAll(List.of("task", stage, "--index", "{{inputs.parameters." + ITEM + "}}"));
        args.addAll(List.of("--batch", Integer.toString(fanOut.batch())));
        args.addAll(specArgs());
        return template(stage, new Inputs(List.of(Parameter.named(ITEM))), null, args);
    }

    /** The aggregate stage: results.json, curves.csv and the summary for the operator. */
    Template aggregate() {
        String stage = WorkflowRenderer.templateName(Stage.AGGREGATE);
        List<String> args = new ArrayList<>(List.of("task", stage, "--index", "0"));
        args.addAll(specArgs());
        args.addAll(List.of("--summary-out", options.summaryPath()));
        Parameter summary =
                new Parameter(
                        SUMMARY, null, new Parameter.ValueFrom(options.summaryPath()), SUMMARY);
        return template(stage, null, new Outputs(List.of(summary)), args);
    }

    private List<String> specArgs() {
        List<String> args = new ArrayList<>();
        args.addAll(List.of("--spec-yaml", "{{workflow.parameters." + SPEC_PARAMETER + "}}"));
        args.addAll(store.workdirArgs(options));
        return args;
    }

    private Template template(String stage, Inputs inputs, Outputs outputs, List<String> args) {
        return new Template(
                stage,
                PodMetadata.labels(Map.of(STAGE_LABEL, stage)),
                inputs,
                outputs,
                TaskMetrics.stage(sweep, stage),
                RetryPolicy.of(execution.retries()),
                MemoryGrowth.podSpecPatch(execution.resources(), execution.retries()),
                null,
                WorkerContainer.of(options, store, execution.resources(), args));
    }
}
