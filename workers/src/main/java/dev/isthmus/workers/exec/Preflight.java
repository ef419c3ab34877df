package dev.isthmus.workers.exec;

import dev.isthmus.api.plan.Endpoint;
import dev.isthmus.api.validation.Problem;
import dev.isthmus.api.validation.SpecException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks, before any work starts, what the spec refers to outside itself: the dataset can be read
 * and every checkpoint file exists. Corrupt checkpoint contents are left to the tasks that read
 * them, so one bad file costs only its own pairs.
 */
public final class Preflight {
    private Preflight() {}

    public static void check(SweepContext ctx) {
        List<Problem> problems = new ArrayList<>();
        int i = 0;
        for (Endpoint e : ctx.plan().endpoints()) {
            if (e.trained()) continue;
            Path file = ctx.endpointFile(e);
            if (!Files.isRegularFile(file)) {
                problems.add(
                        new Problem(
                                "spec.endpoints.checkpoints[" + i + "].uri",
                                "file not found: " + file));
            }
            i++;
        }
        if (!problems.isEmpty()) throw new SpecException(ctx.sweep().name(), problems);
        ctx.model(); // loads the dataset: a missing dataset fails here, before any task runs
    }
}
