package dev.isthmus.workers.exec;

import dev.isthmus.api.plan.Endpoint;
import dev.isthmus.api.plan.Task;
import dev.isthmus.api.plan.Work;
import dev.isthmus.api.spec.AlignmentSpec;
import dev.isthmus.workers.align.Aligners;
import dev.isthmus.workers.io.Checkpoint;
import dev.isthmus.workers.progress.Progress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Aligns endpoint B to endpoint A. Both checkpoints are read and checked against the model here, so
 * a corrupt or mismatched file fails this task (and only what depends on it). The aligned B is
 * written to the store; for {@code none}, B itself is used.
 */
final class AlignTask implements TaskRunner.StageTask {

    @Override
    public List<String> run(SweepContext ctx, Task task, Progress progress) {
        Work.Align w = (Work.Align) task.work();
        long start = System.nanoTime();
        Endpoint a = ctx.plan().endpoint(w.a());
        Endpoint b = ctx.plan().endpoint(w.b());
        Checkpoint ca = ctx.checkpoints().load(ctx.endpointFile(a));
        Path bFile = ctx.endpointFile(b);
        Checkpoint cb = ctx.checkpoints().load(bFile);
        AlignmentSpec method = method(ctx, w.alignment());

        progress.start(w.alignment(), 1);
        Aligners.Outcome o =
                Aligners.align(
                        ctx.manager(),
                        ctx.model(),
                        method,
                        ctx.spec().seeds().align(),
                        ca.tensors(),
                        cb.tensors(),
                        () -> ctx.dataset().train());
        List<String> outputs = new ArrayList<>();
        String location;
        if (AlignmentSpec.NONE.equals(method.type())) {
            location =
                    b.trained()
                            ? ctx.store().root().relativize(bFile).toString()
                            : bFile.toAbsolutePath().toString();
        } else {
            location = Layout.alignedCheckpoint(task);
            Map<String, String> meta = new TreeMap<>(cb.metadata());
            meta.put("isthmus.alignment", method.type());
            meta.put("isthmus.alignedTo", w.a());
            meta.put("isthmus.key", task.key());
            ctx.store().writeCheckpoint(location, new Checkpoint(meta, o.aligned()));
            outputs.add(location);
        }
        progress.finish(
                String.format(
                        Locale.ROOT,
                        "%d sweep(s), objective %.6g, distance %.4f → %.4f",
                        o.alignment().sweeps(),
                        o.alignment().objective(),
                        o.distanceBefore(),
                        o.distanceAfter()));
        String out = Layout.alignment(task);
        ctx.store()
                .writeJson(
                        out,
                        new Records.Aligned(
                                w.a(),
                                w.b(),
                                w.alignment(),
                                location,
                                o.alignment().sweeps(),
                                o.alignment().objective(),
                                o.distanceBefore(),
                                o.distanceAfter(),
                                (System.nanoTime() - start) / 1e9));
        outputs.add(out);
        return outputs;
    }

    private static AlignmentSpec method(SweepContext ctx, String type) {
        for (AlignmentSpec s : ctx.spec().alignments()) {
            if (s.type().equals(type)) return s;
        }
        throw new IllegalStateException("alignment " + type + " is not in the spec");
    }
}
