package dev.isthmus.workers.exec;

import ai.djl.ndarray.NDManager;
import dev.isthmus.api.plan.Task;
import dev.isthmus.api.plan.Work;
import dev.isthmus.api.spec.MetricSpec;
import dev.isthmus.api.spec.Names;
import dev.isthmus.api.spec.PathSpec;
import dev.isthmus.workers.data.Split;
import dev.isthmus.workers.engine.DeviceBatches;
import dev.isthmus.workers.metrics.BarrierDecomposition;
import dev.isthmus.workers.metrics.Barriers;
import dev.isthmus.workers.metrics.Bootstrap;
import dev.isthmus.workers.metrics.CkaProbe;
import dev.isthmus.workers.metrics.Decomposition;
import dev.isthmus.workers.metrics.Evaluator;
import dev.isthmus.workers.metrics.ExampleLosses;
import dev.isthmus.workers.metrics.PathEnsemble;
import dev.isthmus.workers.metrics.Similarity;
import dev.isthmus.workers.models.Params;
import dev.isthmus.workers.paths.Curve;
import dev.isthmus.workers.paths.LinearPath;
import dev.isthmus.workers.paths.PathEvaluator;
import dev.isthmus.workers.paths.Repair;
import dev.isthmus.workers.paths.WeightPath;
import dev.isthmus.workers.progress.Progress;
import dev.isthmus.workers.report.Results;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;

/** Walks one path between A and aligned B and writes the curve with its barriers. */
final class EvaluateTask implements TaskRunner.StageTask {
    static final int EVAL_BATCH = 1000;

    /** The metrics of the spec that change what a walk measures. */
    private record Wanted(
            boolean attribution,
            boolean decomposition,
            MetricSpec cka,
            MetricSpec confidence,
            MetricSpec ensemble) {
        static Wanted of(List<MetricSpec> metrics) {
            boolean attribution = MetricSpec.contains(metrics, Names.Metric.ATTRIBUTION.wire());
            return new Wanted(
                    attribution,
                    attribution || MetricSpec.contains(metrics, Names.Metric.DECOMPOSITION.wire()),
                    MetricSpec.find(metrics, Names.Metric.CKA.wire()),
                    MetricSpec.find(metrics, MetricSpec.CONFIDENCE),
                    MetricSpec.find(metrics, MetricSpec.ENSEMBLE));
        }
    }

    /**
     * What one walk along the path measured; {@code terms}, {@code similarity}, {@code intervals}
     * and {@code ensemble} may be null.
     */
    private record Walk(
            Curve curve,
            int examples,
            BarrierDecomposition terms,
            Similarity similarity,
            Bootstrap.Result intervals,
            PathEnsemble.Result ensemble) {}

    @Override
    public List<String> run(SweepContext ctx, Task task, Progress progress) {
        Work.Evaluate w = (Work.Evaluate) task.work();
        long start = System.nanoTime();
        AlignedPair pair = ctx.alignedPair(w.a(), w.alignTask());
        Wanted wanted = Wanted.of(ctx.spec().metrics());
        Walk walk = walk(ctx, w, pair, wanted, progress);
        List<String> outputs = new ArrayList<>();
        Decomposition decomposition = null;
        if (walk.terms() != null) {
            decomposition = walk.terms().result();
            if (wanted.attribution()) {
                outputs.add(writeExamples(ctx, task, walk.terms(), decomposition));
            } else {
                decomposition = decomposition.withoutAttribution();
            }
        }
        String out = Layout.curve(task);
        Results.CurveResult result = curveResult(w, walk, decomposition);
        double seconds = (System.nanoTime() - start) / 1e9;
        ctx.store().writeJson(out, new Records.CurveRecord(result, walk.examples(), seconds));
        outputs.add(out);
        return outputs;
    }

    /**
     * Uploads both ends, builds the path (with its repair) and evaluates it at every alpha, with
     * the decomposition's endpoint terms, the CKA probe and the ensemble along the path when the
     * spec asks for them.
     */
    private static Walk walk(
            SweepContext ctx, Work.Evaluate w, AlignedPair pair, Wanted wanted, Progress progress) {
        Split eval = ctx.dataset().eval();
        try (NDManager m = ctx.manager().newSubManager();
                DeviceBatches data = new DeviceBatches(m, eval, EVAL_BATCH)) {
            Params a = Params.upload(m, pair.a().tensors());
            Params b = Params.upload(m, pair.b().tensors());
            PathSpec spec = ctx.spec().paths().get(w.pathIndex());
            Repair repair = Repairs.create(ctx, m, spec.repair(), a, b);
            BarrierDecomposition terms =
                    wanted.decomposition() ? decomposition(ctx, data, repair, a, b) : null;
            DoubleFunction<Params> path =
                    WeightPath.of(spec.type(), a, b, () -> controlPoint(ctx, m, w), repair);
            int alphas = ctx.spec().alphas();
            String label = w.path() + " path";
            // The per-example losses come to the host anyway; keeping them costs memory only.
            ExampleLosses examples =
                    wanted.confidence() == null ? null : new ExampleLosses(alphas, data.examples());
            Curve curve =
                    PathEvaluator.walk(
                            ctx.model(), path, label, data, alphas, progress, terms, examples);
            Bootstrap.Result intervals = null;
            if (examples != null) {
                intervals =
                        Bootstrap.intervals(
                                curve.alphas(),
                                examples,
                                wanted.confidence().resamples(),
                                wanted.confidence().level(),
                                ctx.spec().seeds().eval());
            }
            Similarity similarity = null;
            if (wanted.cka() != null) {
                similarity =
                        CkaProbe.measure(
                                m,
                                ctx.model(),
                                eval,
                                wanted.cka().examples(),
                                a,
                                path,
                                LinearPath.alphas(alphas));
            }
            PathEnsemble.Result ensemble = null;
            if (wanted.ensemble() != null) {
                ensemble =
                        PathEnsemble.measure(
                                ctx.model(),
                                path,
                                data,
                                eval.y(),
                                ctx.dataset().classes(),
                                wanted.ensemble().points());
            }
            return new Walk(curve, data.examples(), terms, similarity, intervals, ensemble);
        }
    }

    /** The decomposition's accumulator, holding the logits of both ends of the path. */
    private static BarrierDecomposition decomposition(
            SweepContext ctx, DeviceBatches data, Repair repair, Params a, Params b) {
        int classes = ctx.dataset().classes();
        // The endpoints as the path's ends are evaluated: with the same correction.
        return new BarrierDecomposition(
                LinearPath.alphas(ctx.spec().alphas()),
                ctx.dataset().eval().y(),
                classes,
                Evaluator.logits(ctx.model(), repair.apply(a, 0), data, classes),
                Evaluator.logits(ctx.model(), repair.apply(b, 1), data, classes));
    }

    /** The trained control point of this pair's Bézier path, uploaded. */
    private static Params controlPoint(SweepContext ctx, NDManager m, Work.Evaluate w) {
        String file = Layout.controlPoint(ctx.plan().task(w.curveTask()));
        return Params.upload(m, ctx.checkpoints().load(ctx.store().path(file)).tensors());
    }

    /** Writes the per-example attribution table beside the curve and returns its location. */
    private static String writeExamples(
            SweepContext ctx, Task task, BarrierDecomposition terms, Decomposition d) {
        String csv = Layout.curve(task).replace(".json", "-examples.csv");
        byte[] bytes = terms.examplesCsv(d.attribution().alpha()).getBytes(StandardCharsets.UTF_8);
        ctx.store().write(csv, bytes);
        return csv;
    }

    private static Results.CurveResult curveResult(
            Work.Evaluate w, Walk walk, Decomposition decomposition) {
        Curve curve = walk.curve();
        return new Results.CurveResult(
                w.a(),
                w.b(),
                w.alignment(),
                w.path(),
                curve.alphas(),
                curve.loss(),
                curve.accuracy(),
                Barriers.ofLoss(curve),
                Barriers.ofAccuracy(curve),
                walk.intervals() == null ? null : walk.intervals().loss(),
                walk.intervals() == null ? null : walk.intervals().accuracy(),
                decomposition,
                walk.similarity(),
                walk.ensemble());
    }
}
