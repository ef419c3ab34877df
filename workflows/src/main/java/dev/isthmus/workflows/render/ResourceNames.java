package dev.isthmus.workflows.render;

import dev.isthmus.api.spec.ConnectivitySweep;
import dev.isthmus.api.validation.Problem;
import java.util.List;

/**
 * Names of rendered objects: {@code <sweep>-g<generation>} when a generation is given, else the
 * sweep's name (a Workflow then gets a generated suffix). Argo copies a Workflow's name into a
 * label (at most 63 characters) and a CronWorkflow's name plus a 10-digit time into its runs'
 * names, so a CronWorkflow's name may have at most 52.
 */
final class ResourceNames {

    static final int MAX_WORKFLOW_NAME = 63;
    static final int MAX_CRON_WORKFLOW_NAME = 52;

    private ResourceNames() {}

    static String name(ConnectivitySweep sweep, RenderOptions options) {
        return options.generation() == null
                ? sweep.name()
                : sweep.name() + "-g" + options.generation();
    }

    static List<Problem> problems(ConnectivitySweep sweep, RenderOptions options) {
        boolean cron = sweep.spec().schedule() != null;
        int max = cron ? MAX_CRON_WORKFLOW_NAME : MAX_WORKFLOW_NAME;
        String name = name(sweep, options);
        if (name.length() <= max) {
            return List.of();
        }
        String what = cron ? "a scheduled sweep's CronWorkflow name " : "the Workflow name ";
        return List.of(
                new Problem(
                        "metadata.name",
                        what
                                + name
                                + " is longer than "
                                + max
                                + " characters ("
                                + name.length()
                                + ")"));
    }
}
