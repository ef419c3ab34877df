package dev.isthmus.workers.exec;

import dev.isthmus.api.plan.Task;
import dev.isthmus.api.plan.Work;
import dev.isthmus.workers.io.Checkpoint;
import dev.isthmus.workers.progress.Progress;
import dev.isthmus.workers.train.Trainer;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Trains one endpoint and writes its checkpoint and history. */
final class TrainTask implements TaskRunner.StageTask {

    @Override
    public List<String> run(SweepContext ctx, Task task, Progress progress) {
        Work.Train w = (Work.Train) task.work();
        long start = System.nanoTime();
        Trainer.Result r =
                Trainer.train(
                        ctx.manager(),
                        ctx.model(),
                        ctx.dataset(),
                        ctx.spec().endpoints().train(),
                        w.seed(),
                        progress);
        Map<String, String> meta = new TreeMap<>();
        meta.put("format", "pt");
        meta.put("isthmus.endpoint", w.endpoint());
        meta.put("isthmus.seed", Long.toString(w.seed()));
        meta.put("isthmus.model", ctx.model().describe());
        meta.put("isthmus.key", task.key());
        String checkpoint = Layout.trainedCheckpoint(task);
        ctx.store().writeCheckpoint(checkpoint, new Checkpoint(meta, r.params()));
        String record = Layout.endpointRecord(task);
        ctx.store()
                .writeJson(
                        record,
                        new Records.TrainedEndpoint(
                                w.endpoint(),
                                w.seed(),
                                ctx.model().describe(),
                                checkpoint,
                                r.history(),
                                (System.nanoTime() - start) / 1e9));
        return List.of(checkpoint, record);
    }
}
