package dev.isthmus.workers.exec;

import dev.isthmus.api.plan.Task;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What SIGTERM (or Ctrl-C) does to {@code isthmus run}: the tasks running at that moment are
 * recorded as interrupted (their outputs were never renamed into place, so none is half written),
 * temporary files are removed, and one line says so. Re-running resumes from the finished tasks.
 */
public final class Interruption {
    private Interruption() {}

    /** A shutdown hook for a run of {@code executor} over {@code ctx}'s store. */
    public static Thread hook(SweepContext ctx, LocalExecutor executor, PrintStream err) {
        return new Thread(() -> record(ctx, executor.running(), err), "isthmus-interrupted");
    }

    static void record(SweepContext ctx, Map<Task, Integer> running, PrintStream err) {
        List<Task> tasks =
                running.keySet().stream().sorted(Comparator.comparing(Task::id)).toList();
        for (Task t : tasks) {
            try {
                ctx.store()
                        .writeJson(
                                Layout.failure(t),
                                new Records.Failure(
                                        t.id(),
                                        t.key(),
                                        "interrupted by a signal during attempt "
                                                + running.get(t)
                                                + "; nothing of it was kept, and the next run"
                                                + " redoes it",
                                        running.get(t)));
            } catch (RuntimeException e) {
                // the store may be what failed; the message below still tells the user
            }
        }
        removeTemporaryFiles(ctx.store().root());
        err.println(
                "isthmus: interrupted"
                        + (tasks.isEmpty()
                                ? ""
                                : " while running "
                                        + String.join(", ", tasks.stream().map(Task::id).toList()))
                        + "; finished tasks are kept and re-running the sweep resumes from them");
        err.flush();
    }

    private static void removeTemporaryFiles(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList()) {
                Files.deleteIfExists(f);
            }
        } catch (IOException | RuntimeException e) {
            // best effort: a temporary file is never mistaken for a result anyway
        }
    }
}
