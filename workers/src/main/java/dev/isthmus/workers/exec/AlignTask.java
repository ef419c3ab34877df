package dev.isthmus.workers.exec;

import dev.isthmus.api.plan.Endpoint;
import dev.isthmus.api.plan.Task;
import dev.isthmus.api.plan.Work;
import dev.isthmus.api.spec.AlignmentSpec;
import dev.isthmus.workers.progress.Progress;
import java.nio.file.Path;
import java.util.List;

/**
 * Aligns endpoint B to endpoint A. Both checkpoints are read and checked against the model here, so
 * a corrupt or mismatched file fails this task (and only what depends on it).
 */
final class AlignTask implements TaskRunner.StageTask {

    @Override
    public List<String> run(SweepContext ctx, Task task, Progress progress) {
        Work.Align w = (Work.Align) task.work();
        long start = System.nanoTime();
        Endpoint a = ctx.plan().endpoint(w.a());
        Endpoint b = ctx.plan().endpoint(w.b());
        ctx.loadCheckpoint(ctx.endpointFile(a));
        Path bFile = ctx.endpointFile(b);
        ctx.loadCheckpoint(bFile);
        if (!AlignmentSpec.NONE.equals(w.alignment())) {
            throw new IllegalArgumentException(
                    "alignment " + w.alignment() + " is not implemented yet (available: none)");
        }
        // The naive baseline: B is used as it is.
        String location =
                b.trained()
                        ? ctx.store().root().relativize(bFile).toString()
                        : bFile.toAbsolutePath().toString();
        String out = Layout.alignment(task);
        ctx.store()
                .writeJson(
                        out,
                        new Records.Aligned(
                                w.a(),
                                w.b(),
                                w.alignment(),
                                location,
                                (System.nanoTime() - start) / 1e9));
        return List.of(out);
    }
}
