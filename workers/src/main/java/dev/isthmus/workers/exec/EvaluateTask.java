package dev.isthmus.workers.exec;

import ai.djl.ndarray.NDManager;
import dev.isthmus.api.plan.Task;
import dev.isthmus.api.plan.Work;
import dev.isthmus.api.spec.PathSpec;
import dev.isthmus.workers.engine.DeviceBatches;
import dev.isthmus.workers.metrics.Barriers;
import dev.isthmus.workers.models.Params;
import dev.isthmus.workers.paths.Curve;
import dev.isthmus.workers.paths.PathEvaluator;
import dev.isthmus.workers.progress.Progress;
import dev.isthmus.workers.report.Results;
import java.util.List;

/** Walks one path between A and aligned B and writes the curve with its barriers. */
final class EvaluateTask implements TaskRunner.StageTask {
    static final int EVAL_BATCH = 1000;

    @Override
    public List<String> run(SweepContext ctx, Task task, Progress progress) {
        Work.Evaluate w = (Work.Evaluate) task.work();
        if (!PathSpec.LINEAR.equals(w.path())) {
            throw new IllegalArgumentException(
                    "path " + w.path() + " is not implemented yet (available: linear)");
        }
        long start = System.nanoTime();
        Records.Aligned aligned =
                ctx.store()
                        .readJson(
                                Layout.alignment(ctx.plan().task(w.alignTask())),
                                Records.Aligned.class);
        var aCheckpoint = ctx.loadCheckpoint(ctx.endpointFile(ctx.plan().endpoint(w.a())));
        var bCheckpoint = ctx.loadCheckpoint(ctx.resolve(aligned.checkpoint()));
        Curve curve;
        int examples;
        try (NDManager m = ctx.manager().newSubManager();
                DeviceBatches data = new DeviceBatches(m, ctx.dataset().eval(), EVAL_BATCH)) {
            Params a = Params.upload(m, aCheckpoint.tensors());
            Params b = Params.upload(m, bCheckpoint.tensors());
            curve = PathEvaluator.linear(ctx.model(), a, b, data, ctx.spec().alphas(), progress);
            examples = data.examples();
        }
        String out = Layout.curve(task);
        ctx.store()
                .writeJson(
                        out,
                        new Records.CurveRecord(
                                new Results.CurveResult(
                                        w.a(),
                                        w.b(),
                                        w.alignment(),
                                        w.path(),
                                        curve.alphas(),
                                        curve.loss(),
                                        curve.accuracy(),
                                        Barriers.ofLoss(curve),
                                        Barriers.ofAccuracy(curve)),
                                examples,
                                (System.nanoTime() - start) / 1e9));
        return List.of(out);
    }
}
