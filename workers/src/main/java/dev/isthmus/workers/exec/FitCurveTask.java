package dev.isthmus.workers.exec;

import dev.isthmus.api.plan.Task;
import dev.isthmus.api.plan.Work;
import dev.isthmus.api.spec.PathSpec;
import dev.isthmus.workers.io.Checkpoint;
import dev.isthmus.workers.progress.Progress;
import dev.isthmus.workers.train.CurveFitter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Trains the control point of a Bézier path between A and aligned B, on the training data. */
final class FitCurveTask implements TaskRunner.StageTask {

    @Override
    public List<String> run(SweepContext ctx, Task task, Progress progress) {
        Work.FitCurve w = (Work.FitCurve) task.work();
        PathSpec path = ctx.spec().paths().get(w.path());
        AlignedPair pair = ctx.alignedPair(w.a(), w.alignTask());
        var control =
                CurveFitter.fit(
                        ctx.manager(),
                        ctx.model(),
                        pair.a().tensors(),
                        pair.b().tensors(),
                        ctx.dataset().train(),
                        path.epochs(),
                        path.learningRate(),
                        ctx.spec().seeds().data(),
                        progress);
        Map<String, String> meta = new TreeMap<>();
        meta.put("isthmus.bezierControlPoint", w.a() + "~" + w.b() + "~" + w.alignment());
        meta.put("isthmus.key", task.key());
        String out = Layout.controlPoint(task);
        ctx.store().writeCheckpoint(out, new Checkpoint(meta, control));
        return List.of(out);
    }
}
