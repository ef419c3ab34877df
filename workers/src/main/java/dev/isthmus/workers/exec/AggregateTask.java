package dev.isthmus.workers.exec;

import dev.isthmus.api.plan.Endpoint;
import dev.isthmus.api.plan.Stage;
import dev.isthmus.api.plan.Task;
import dev.isthmus.api.result.SummaryRow;
import dev.isthmus.api.spec.MetricSpec;
import dev.isthmus.api.validation.SweepLoader;
import dev.isthmus.workers.basins.BasinMap;
import dev.isthmus.workers.basins.BasinMaps;
import dev.isthmus.workers.merge.Provenance;
import dev.isthmus.workers.progress.Progress;
import dev.isthmus.workers.report.CurvesCsv;
import dev.isthmus.workers.report.Results;
import dev.isthmus.workers.report.Summaries;
import dev.isthmus.workers.store.RunStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects every finished curve into results.json and curves.csv, and lists the tasks that did not
 * finish: a failed pair costs its own curves, never the rest of the sweep.
 */
final class AggregateTask implements TaskRunner.StageTask {

    @Override
    public List<String> run(SweepContext ctx, Task task, Progress progress) {
        RunStore store = ctx.store();
        TaskRunner probe = new TaskRunner(ctx, t -> Progress.NONE);
        Finished finished = finished(ctx, probe);
        Curves curves = curves(ctx, probe);
        List<Results.EndpointResult> endpoints = new ArrayList<>();
        for (Endpoint e : ctx.plan().endpoints()) {
            endpoints.add(endpoint(ctx, probe, e, curves.curves()));
        }
        List<BasinMap> basins = basins(ctx, curves.curves());
        List<SummaryRow> summary = Summaries.of(curves.curves());
        if (basins != null) summary = withBasins(summary, basins);
        Results results =
                new Results(
                        Results.SCHEMA,
                        ctx.plan().sweep(),
                        ctx.plan().specHash(),
                        ctx.model().describe(),
                        ctx.dataset().description(),
                        curves.evalExamples(),
                        endpoints,
                        alignments(ctx, probe),
                        curves.curves(),
                        summary,
                        basins,
                        merges(ctx, probe),
                        finished.failures(),
                        finished.timings());
        store.writeJson(Layout.RESULTS, results);
        store.write(Layout.CURVES_CSV, CurvesCsv.render(results));
        store.write(Layout.SPEC, SweepLoader.toYaml(ctx.sweep()).getBytes(StandardCharsets.UTF_8));
        return List.of(Layout.RESULTS, Layout.CURVES_CSV, Layout.SPEC);
    }

    /** The wall time of every finished task and why each other one did not finish. */
    private record Finished(List<Results.TaskFailure> failures, Map<String, Double> timings) {}

    private static Finished finished(SweepContext ctx, TaskRunner probe) {
        RunStore store = ctx.store();
        List<Results.TaskFailure> failures = new ArrayList<>();
        Map<String, Double> timings = new LinkedHashMap<>();
        for (Task t : ctx.plan().allTasks()) {
            if (t.stage() == Stage.AGGREGATE) continue;
            if (probe.isDone(t)) {
                timings.put(
                        t.id(),
                        store.readJson(Layout.manifest(t), Records.Manifest.class).seconds());
            } else {
                failures.add(new Results.TaskFailure(t.id(), why(store, t)));
            }
        }
        return new Finished(failures, timings);
    }

    /** The finished curves in plan order, and the number of examples they were evaluated on. */
    private record Curves(List<Results.CurveResult> curves, int evalExamples) {}

    private static Curves curves(SweepContext ctx, TaskRunner probe) {
        List<Results.CurveResult> curves = new ArrayList<>();
        int evalExamples = 0;
        for (Task t : ctx.plan().tasks(Stage.EVALUATE)) {
            if (!probe.isDone(t)) continue;
            Records.CurveRecord c =
                    ctx.store().readJson(Layout.curve(t), Records.CurveRecord.class);
            evalExamples = c.evalExamples();
            curves.add(c.curve());
        }
        return new Curves(curves, evalExamples);
    }

    private static List<Results.AlignmentResult> alignments(SweepContext ctx, TaskRunner probe) {
        List<Results.AlignmentResult> alignments = new ArrayList<>();
        for (Task t : ctx.plan().tasks(Stage.ALIGN)) {
            if (!probe.isDone(t)) continue;
            Records.Aligned r = ctx.store().readJson(Layout.alignment(t), Records.Aligned.class);
            alignments.add(
                    new Results.AlignmentResult(
                            t.id(),
                            r.a(),
                            r.b(),
                            r.alignment(),
                            r.sweeps(),
                            r.objective(),
                            r.distanceBefore(),
                            r.distanceAfter()));
        }
        return alignments;
    }

    /** The basin map when the metrics ask for it and a curve finished, else null. */
    private static List<BasinMap> basins(SweepContext ctx, List<Results.CurveResult> curves) {
        MetricSpec spec = MetricSpec.find(ctx.spec().metrics(), MetricSpec.BASINS);
        if (spec == null || curves.isEmpty()) return null;
        return BasinMaps.of(
                ctx.plan().endpoints().stream().map(Endpoint::name).toList(), curves, spec);
    }

    /** The finished merges when the plan has merge tasks, else null. */
    private static List<Results.MergeResult> merges(SweepContext ctx, TaskRunner probe) {
        if (ctx.plan().tasks(Stage.MERGE).isEmpty()) return null;
        List<Results.MergeResult> merges = new ArrayList<>();
        for (Task t : ctx.plan().tasks(Stage.MERGE)) {
            if (probe.isDone(t)) merges.add(merge(ctx.store(), t));
        }
        return merges;
    }

    private static Results.EndpointResult endpoint(
            SweepContext ctx, TaskRunner probe, Endpoint e, List<Results.CurveResult> curves) {
        Double loss = null;
        Double acc = null;
        // Endpoint metrics are the curve's own ends: alpha 0 for A, alpha 1 for (unaligned) B.
        for (Results.CurveResult c : curves) {
            int n = c.alphas().length;
            if (c.a().equals(e.name())) {
                loss = c.loss()[0];
                acc = c.accuracy()[0];
                break;
            }
            if (c.b().equals(e.name()) && "none".equals(c.alignment())) {
                loss = c.loss()[n - 1];
                acc = c.accuracy()[n - 1];
                break;
            }
        }
        if (!e.trained()) {
            return new Results.EndpointResult(
                    e.name(), null, ctx.endpointFile(e).toString(), loss, acc, null);
        }
        Task train = ctx.plan().task(e.trainTask());
        if (!probe.isDone(train))
            return new Results.EndpointResult(e.name(), e.seed(), null, null, null, null);
        Records.TrainedEndpoint r =
                ctx.store().readJson(Layout.endpointRecord(train), Records.TrainedEndpoint.class);
        return new Results.EndpointResult(
                e.name(), e.seed(), r.checkpoint(), loss, acc, r.history());
    }

    private static Results.MergeResult merge(RunStore store, Task t) {
        Provenance p = store.readJson(Layout.merge(t), Provenance.class);
        List<Results.MergeMember> members = new ArrayList<>();
        for (Provenance.Source s : p.sources()) {
            members.add(new Results.MergeMember(s.name(), s.weight(), s.evaluation()));
        }
        return new Results.MergeResult(
                t.id(),
                p.alignment(),
                Layout.mergedCheckpoint(t),
                Layout.merge(t),
                p.repair(),
                p.iterations(),
                p.converged(),
                List.copyOf(members),
                p.evaluation().naive(),
                p.evaluation().merged(),
                p.cycles() == null ? null : p.cycles().pairwiseMean());
    }

    /** Each summary row with the basin count of its (alignment, path). */
    private static List<SummaryRow> withBasins(List<SummaryRow> rows, List<BasinMap> maps) {
        List<SummaryRow> out = new ArrayList<>();
        for (SummaryRow row : rows) {
            Integer count = null;
            for (BasinMap m : maps) {
                if (m.alignment().equals(row.alignment()) && m.path().equals(row.path())) {
                    count = m.basins().size();
                }
            }
            out.add(row.withBasins(count));
        }
        return out;
    }

    private static String why(RunStore store, Task t) {
        if (store.exists(Layout.failure(t))) {
            Records.Failure f = store.readJson(Layout.failure(t), Records.Failure.class);
            if (t.key().equals(f.key())) return f.message();
        }
        return "not run (an input failed)";
    }
}
