package dev.isthmus.cli;

import dev.isthmus.api.spec.ConnectivitySweep;
import dev.isthmus.api.validation.BadInputException;
import dev.isthmus.api.validation.SpecException;
import dev.isthmus.workflows.argo.ArgoYaml;
import dev.isthmus.workflows.render.RenderOptions;
import dev.isthmus.workflows.render.WorkflowRenderer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code isthmus render sweep.yaml}: prints the Argo Workflow that runs the sweep on Kubernetes, or
 * the CronWorkflow when the sweep has a schedule.
 */
@Command(
        name = "render",
        description =
                "Print the Argo Workflow (CronWorkflow with spec.schedule) that runs a sweep.")
final class RenderCommand implements Callable<Integer> {

    @Parameters(paramLabel = "SWEEP", description = "Sweep file (YAML or JSON).")
    Path file;

    @Option(names = "--image", description = "Worker image (default: ${DEFAULT-VALUE}).")
    String image = RenderOptions.DEFAULT_IMAGE;

    @Option(
            names = "--service-account",
            description = "ServiceAccount the pods run as (default: ${DEFAULT-VALUE}).")
    String serviceAccount = RenderOptions.DEFAULT_SERVICE_ACCOUNT;

    @Option(
            names = "--generation",
            paramLabel = "N",
            description = "Name the object <sweep>-g<N> (default: a generated name).")
    Long generation;

    @Option(
            names = "--max-pods-per-stage",
            paramLabel = "N",
            description =
                    "Batch tasks so that no stage needs more pods (default: ${DEFAULT-VALUE}).")
    int maxPodsPerStage = RenderOptions.DEFAULT_MAX_PODS_PER_STAGE;

    @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE instead of stdout.")
    Path out;

    @picocli.CommandLine.Mixin BudgetOptions budget = new BudgetOptions();

    @Override
    public Integer call() throws Exception {
        ConnectivitySweep sweep = SpecFile.load(file);
        budget.admitPod(sweep, file);
        if (maxPodsPerStage < 1) {
            throw new BadInputException(
                    "--max-pods-per-stage: must be >= 1, got " + maxPodsPerStage);
        }
        if (generation != null && generation < 0) {
            throw new BadInputException("--generation: must be >= 0, got " + generation);
        }
        RenderOptions options =
                RenderOptions.defaults()
                        .withImage(image)
                        .withServiceAccount(serviceAccount)
                        .withGeneration(generation)
                        .withMaxPodsPerStage(maxPodsPerStage);
        String yaml;
        try {
            yaml = ArgoYaml.write(WorkflowRenderer.render(sweep, options));
        } catch (SpecException e) {
            throw new SpecException(
                    file.toString(), e.problems()); // name the file, as validate does
        }
        if (out == null) {
            System.out.print(yaml);
        } else {
            Files.writeString(out, yaml, StandardCharsets.UTF_8);
        }
        return IsthmusCommand.OK;
    }
}
