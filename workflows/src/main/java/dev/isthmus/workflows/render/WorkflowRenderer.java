package dev.isthmus.workflows.render;

import dev.isthmus.api.plan.Plan;
import dev.isthmus.api.plan.Planner;
import dev.isthmus.api.plan.Stage;
import dev.isthmus.api.spec.ConnectivitySweep;
import dev.isthmus.api.spec.ExecutionSpec;
import dev.isthmus.api.validation.Problem;
import dev.isthmus.api.validation.SpecException;
import dev.isthmus.api.validation.SweepLoader;
import dev.isthmus.workflows.argo.ArgoResource;
import dev.isthmus.workflows.argo.Arguments;
import dev.isthmus.workflows.argo.Parameter;
import dev.isthmus.workflows.argo.PodGC;
import dev.isthmus.workflows.argo.PodMetadata;
import dev.isthmus.workflows.argo.Template;
import dev.isthmus.workflows.argo.Workflow;
import dev.isthmus.workflows.argo.WorkflowSpec;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a sweep's plan as an Argo Workflow, or as a CronWorkflow when the sweep has a schedule.
 * The sweep (defaults applied) travels as the workflow parameter {@code spec}; each pod plans the
 * sweep again from it and runs its own tasks, so the object's size does not depend on the number of
 * pairs.
 */
public final class WorkflowRenderer {

    public static final String ENTRYPOINT = "sweep";
    public static final String SWEEP_LABEL = "isthmus.dev/sweep";
    public static final String GENERATION_LABEL = "isthmus.dev/generation";

    /**
     * The output parameter through which the aggregate task publishes the run's summary (the api
     * module's {@code RunSummary}), on its node and as a global workflow output.
     */
    public static final String SUMMARY_PARAMETER = "summary";

    private WorkflowRenderer() {}

    /** The name of the template (and DAG task) that runs {@code stage}'s pods. */
    public static String templateName(Stage stage) {
        return stage.cliName();
    }

    /**
     * @param sweep a validated sweep with defaults applied (as {@link SweepLoader} returns it)
     * @throws SpecException when the sweep cannot run on a cluster (e.g. an absolute store path)
     */
    public static ArgoResource render(ConnectivitySweep sweep, RenderOptions options) {
        ExecutionSpec execution = sweep.spec().execution();
        StorePlacement store = StorePlacement.of(sweep.spec(), options.claimMountPath());
        List<Problem> problems = new ArrayList<>(ResourceNames.problems(sweep, options));
        problems.addAll(store.problems());
        problems.addAll(TemplateText.problems(sweep));
        if (!problems.isEmpty()) {
            throw new SpecException(problems);
        }
        Plan plan = Planner.plan(sweep);
        StageTemplates stages = new StageTemplates(sweep.name(), execution, options, store);
        StageDag dag = StageDag.of(plan, options.maxPodsPerStage(), stages);
        List<Template> templates = new ArrayList<>();
        templates.add(Template.dag(ENTRYPOINT, dag.dag()));
        templates.addAll(dag.templates());
        WorkflowSpec spec =
                new WorkflowSpec(
                        ENTRYPOINT,
                        Arguments.of(
                                Parameter.of(
                                        StageTemplates.SPEC_PARAMETER, SweepLoader.toYaml(sweep))),
                        execution.parallelism(),
                        options.serviceAccount(),
                        PodMetadata.labels(Map.of(SWEEP_LABEL, sweep.name())),
                        PodSecurity.pod(),
                        PodSecurity.executorPatch(),
                        execution.nodeSelector(),
                        Tolerations.of(execution.tolerations()),
                        store.volumes(),
                        new PodGC("OnPodSuccess"),
                        TaskMetrics.sweep(sweep.name()),
                        List.copyOf(templates));
        if (sweep.spec().schedule() == null) {
            return Workflow.of(metadata(sweep, options, true), spec);
        }
        ObjectMeta runs = new ObjectMetaBuilder().withLabels(labels(sweep, options)).build();
        return CronSchedules.of(
                metadata(sweep, options, false), runs, sweep.spec().schedule(), spec);
    }

    private static ObjectMeta metadata(
            ConnectivitySweep sweep, RenderOptions options, boolean generatedName) {
        ObjectMetaBuilder meta =
                new ObjectMetaBuilder()
                        .withNamespace(sweep.metadata().namespace())
                        .withLabels(labels(sweep, options));
        if (options.generation() != null || !generatedName) {
            meta.withName(ResourceNames.name(sweep, options));
        } else {
            meta.withGenerateName(sweep.name() + "-");
        }
        return meta.build();
    }

    private static Map<String, String> labels(ConnectivitySweep sweep, RenderOptions options) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(SWEEP_LABEL, sweep.name());
        if (options.generation() != null) {
            labels.put(GENERATION_LABEL, options.generation().toString());
        }
        return labels;
    }
}
