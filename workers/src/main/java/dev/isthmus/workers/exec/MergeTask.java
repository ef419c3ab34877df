package dev.isthmus.workers.exec;

import dev.isthmus.api.plan.Endpoint;
import dev.isthmus.api.plan.Task;
import dev.isthmus.api.plan.Work;
import dev.isthmus.api.spec.MergeSpec;
import dev.isthmus.api.spec.Names;
import dev.isthmus.api.spec.SpecDefaults;
import dev.isthmus.workers.io.Checkpoint;
import dev.isthmus.workers.io.HostTensor;
import dev.isthmus.workers.merge.MergeRepair;
import dev.isthmus.workers.merge.Merger;
import dev.isthmus.workers.merge.Provenance;
import dev.isthmus.workers.merge.Weights;
import dev.isthmus.workers.metrics.LossAccuracy;
import dev.isthmus.workers.progress.Progress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Merges every endpoint into one network as one entry of {@code spec.merges} says, and writes the
 * merged checkpoint and its record (provenance and evaluation) to the store.
 */
final class MergeTask implements TaskRunner.StageTask {

    @Override
    public List<String> run(SweepContext ctx, Task task, Progress progress) {
        Work.Merge w = (Work.Merge) task.work();
        MergeSpec spec = ctx.spec().merges().get(w.mergeIndex());
        String at = "spec.merges[" + w.mergeIndex() + "]";
        List<Endpoint> endpoints = ctx.plan().endpoints();
        List<SortedMap<String, HostTensor>> members = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        for (Endpoint e : endpoints) {
            Path file = ctx.endpointFile(e);
            files.add(file);
            members.add(ctx.checkpoints().load(file).tensors());
        }
        double[] weights = Weights.normalised(spec.weights(), members.size(), at + ".weights");
        Names.MergeAlignment method =
                Names.parse(Names.MergeAlignment.class, spec.alignment()).orElseThrow();
        Names.Repair repair =
                spec.repair() == null
                        ? MergeRepair.defaultFor(ctx.model())
                        : Names.parse(Names.Repair.class, spec.repair()).orElseThrow();
        int maxIterations = or(spec.maxIterations(), SpecDefaults.MAX_ITERATIONS);
        int maxSweeps = or(spec.maxSweeps(), SpecDefaults.MAX_SWEEPS);

        progress.start(w.alignment(), 1);
        Merger.Request request =
                new Merger.Request(
                        ctx.model(),
                        members,
                        method,
                        weights,
                        repair,
                        maxIterations,
                        maxSweeps,
                        ctx.spec().seeds().align(),
                        Boolean.TRUE.equals(spec.cycles()));
        Merger.Result r = Merger.run(ctx.manager(), ctx.dataset(), request);
        String checkpoint = Layout.mergedCheckpoint(task);
        Map<String, String> meta = new TreeMap<>();
        meta.put("format", "pt");
        meta.put("isthmus.model", ctx.model().describe());
        meta.put("isthmus.merge", method.wire());
        meta.put("isthmus.key", task.key());
        ctx.store().writeCheckpoint(checkpoint, new Checkpoint(meta, r.merged()));

        List<String> names = new ArrayList<>();
        List<String> locations = new ArrayList<>();
        List<String> hashes = new ArrayList<>();
        for (int i = 0; i < endpoints.size(); i++) {
            names.add(endpoints.get(i).name());
            locations.add(location(ctx, endpoints.get(i), files.get(i)));
            hashes.add(ctx.fingerprints().of(files.get(i)));
        }
        Provenance record =
                Provenance.of(
                        request,
                        r,
                        names,
                        locations,
                        hashes,
                        new Provenance.File(
                                checkpoint, ctx.fingerprints().of(ctx.store().path(checkpoint))));
        String out = Layout.merge(task);
        ctx.store().writeJson(out, record);
        LossAccuracy best =
                r.evaluation().members().stream()
                        .min(java.util.Comparator.comparingDouble(LossAccuracy::loss))
                        .orElseThrow();
        progress.finish(
                String.format(
                        Locale.ROOT,
                        "merged loss %.4f, naive %.4f, best member %.4f (%d iteration(s))",
                        r.evaluation().merged().loss(),
                        r.evaluation().naive().loss(),
                        best.loss(),
                        r.alignment().iterations()));
        return List.of(checkpoint, out);
    }

    /** A trained endpoint's checkpoint relative to the store; a given one as its file. */
    private static String location(SweepContext ctx, Endpoint e, Path file) {
        return e.trained()
                ? ctx.store().root().relativize(file).toString()
                : file.toAbsolutePath().toString();
    }

    private static int or(Integer value, int fallback) {
        return value == null ? fallback : value;
    }
}
