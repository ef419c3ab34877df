package dev.isthmus.workflows.render;

import dev.isthmus.api.spec.ConnectivitySweep;
import dev.isthmus.api.validation.SweepLoader;
import dev.isthmus.workflows.argo.ArgoYaml;
import java.nio.file.Path;

/** Sweeps to render in tests: the shipped examples, and documents built here. */
final class TestSweeps {

    /** The repository's examples folder (tests run in the module folder). */
    static final Path EXAMPLES = Path.of("").toAbsolutePath().getParent().resolve("examples");

    private TestSweeps() {}

    static ConnectivitySweep example(String name) {
        return SweepLoader.load(EXAMPLES.resolve(name + ".yaml"));
    }

    static ConnectivitySweep parse(String yaml) {
        return SweepLoader.parse(yaml, null);
    }

    /** A sweep named {@code name} with the given spec body (indented by two spaces). */
    static ConnectivitySweep sweep(String name, String specBody) {
        return parse(
                "apiVersion: isthmus.dev/v1alpha1\nkind: ConnectivitySweep\nmetadata: {name: "
                        + name
                        + "}\nspec:\n"
                        + specBody);
    }

    static String small(String execution) {
        return "  model: {architecture: mlp, hidden: [16]}\n"
                + "  dataset: {name: fashion-mnist}\n"
                + "  endpoints: {train: {seeds: [0, 1, 2]}}\n"
                + "  execution: "
                + execution
                + "\n";
    }

    /**
     * The size bar of DESIGN.md: 100 checkpoints (4,950 pairs), 3 alignments, a linear and a Bézier
     * path (14,850 alignments, 14,850 curve fits, 29,700 evaluations).
     */
    static ConnectivitySweep hundredCheckpoints() {
        return SweepLoader.load(Path.of("src/test/resources/hundred-checkpoints.yaml"));
    }

    static String yaml(ConnectivitySweep sweep, RenderOptions options) {
        return ArgoYaml.write(WorkflowRenderer.render(sweep, options));
    }
}
