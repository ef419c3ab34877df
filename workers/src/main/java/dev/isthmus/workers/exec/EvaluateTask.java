package dev.isthmus.workers.exec;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import dev.isthmus.api.plan.Task;
import dev.isthmus.api.plan.Work;
import dev.isthmus.api.spec.MetricSpec;
import dev.isthmus.api.spec.PathSpec;
import dev.isthmus.workers.data.Split;
import dev.isthmus.workers.engine.DeviceBatches;
import dev.isthmus.workers.io.Checkpoint;
import dev.isthmus.workers.metrics.BarrierDecomposition;
import dev.isthmus.workers.metrics.Barriers;
import dev.isthmus.workers.metrics.Decomposition;
import dev.isthmus.workers.metrics.Evaluator;
import dev.isthmus.workers.metrics.LinearCka;
import dev.isthmus.workers.metrics.Similarity;
import dev.isthmus.workers.models.Params;
import dev.isthmus.workers.paths.BezierPath;
import dev.isthmus.workers.paths.Curve;
import dev.isthmus.workers.paths.LinearPath;
import dev.isthmus.workers.paths.PathEvaluator;
import dev.isthmus.workers.paths.Repair;
import dev.isthmus.workers.progress.Progress;
import dev.isthmus.workers.report.Results;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleFunction;

/** Walks one path between A and aligned B and writes the curve with its barriers. */
final class EvaluateTask implements TaskRunner.StageTask {
    static final int EVAL_BATCH = 1000;

    @Override
    public List<String> run(SweepContext ctx, Task task, Progress progress) {
        Work.Evaluate w = (Work.Evaluate) task.work();
        long start = System.nanoTime();
        Checkpoint[] pair = ctx.alignedPair(w.a(), w.alignTask());
        Checkpoint aCheckpoint = pair[0];
        Checkpoint bCheckpoint = pair[1];
        List<MetricSpec> metrics = ctx.spec().metrics();
        boolean attribution = MetricSpec.contains(metrics, "attribution");
        boolean decompose = attribution || MetricSpec.contains(metrics, "decomposition");
        MetricSpec cka = MetricSpec.find(metrics, MetricSpec.CKA);
        Curve curve;
        int examples;
        BarrierDecomposition terms = null;
        Similarity similarity = null;
        Split eval = ctx.dataset().eval();
        try (NDManager m = ctx.manager().newSubManager();
                DeviceBatches data = new DeviceBatches(m, eval, EVAL_BATCH)) {
            Params a = Params.upload(m, aCheckpoint.tensors());
            Params b = Params.upload(m, bCheckpoint.tensors());
            PathSpec spec = ctx.spec().paths().get(w.pathIndex());
            Repair repair = Repairs.create(ctx, m, spec.repair(), a, b);
            if (decompose) {
                int classes = ctx.dataset().classes();
                // The endpoints as the path's ends are evaluated: with the same correction.
                terms =
                        new BarrierDecomposition(
                                LinearPath.alphas(ctx.spec().alphas()),
                                eval.y(),
                                classes,
                                logits(ctx, repair.apply(a, 0), data, classes),
                                logits(ctx, repair.apply(b, 1), data, classes));
            }
            DoubleFunction<Params> path = alpha -> LinearPath.at(a, b, alpha);
            if (PathSpec.BEZIER.equals(spec.type())) {
                Params c = controlPoint(ctx, m, w);
                path = alpha -> BezierPath.at(a, c, b, alpha);
            }
            path = repair.on(path);
            curve =
                    PathEvaluator.walk(
                            ctx.model(),
                            path,
                            w.path() + " path",
                            data,
                            ctx.spec().alphas(),
                            progress,
                            terms);
            examples = data.examples();
            if (cka != null) similarity = similarity(ctx, m, eval, cka.examples(), a, path);
        }
        List<String> outputs = new ArrayList<>();
        Decomposition decomposition = null;
        if (terms != null) {
            decomposition = terms.result();
            if (attribution) {
                String csv = Layout.curve(task).replace(".json", "-examples.csv");
                ctx.store()
                        .write(
                                csv,
                                terms.examplesCsv(decomposition.attribution().alpha())
                                        .getBytes(StandardCharsets.UTF_8));
                outputs.add(csv);
            } else {
                decomposition = decomposition.withoutAttribution();
            }
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
                                        Barriers.ofAccuracy(curve),
                                        decomposition,
                                        similarity),
                                examples,
                                (System.nanoTime() - start) / 1e9));
        outputs.add(out);
        return outputs;
    }

    /** The trained control point of this pair's Bézier path, uploaded. */
    private static Params controlPoint(SweepContext ctx, NDManager m, Work.Evaluate w) {
        String file = Layout.controlPoint(ctx.plan().task(w.curveTask()));
        return Params.upload(m, ctx.loadCheckpoint(ctx.store().path(file)).tensors());
    }

    /** Linear CKA of each hidden layer: A against aligned B, and A against every path point. */
    private static Similarity similarity(
            SweepContext ctx,
            NDManager parent,
            Split eval,
            int examples,
            Params a,
            DoubleFunction<Params> path) {
        int n = Math.min(examples, eval.size());
        double[] alphas = LinearPath.alphas(ctx.spec().alphas());
        try (NDManager m = parent.newSubManager()) {
            NDArray x = DeviceBatches.upload(m, eval, 0, n).x();
            var actA = ctx.model().activations(a, x);
            List<String> layers = new ArrayList<>(actA.keySet());
            double[] endpoints = cka(actA, ctx.model().activations(path.apply(1.0), x), layers);
            double[][] along = new double[alphas.length][];
            for (int i = 0; i < alphas.length; i++) {
                try (NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    along[i] = cka(actA, ctx.model().activations(path.apply(alphas[i]), x), layers);
                }
            }
            return new Similarity(layers, n, endpoints, along);
        }
    }

    private static double[] cka(
            Map<String, NDArray> x, Map<String, NDArray> y, List<String> layers) {
        double[] out = new double[layers.size()];
        for (int l = 0; l < out.length; l++) {
            out[l] = LinearCka.of(x.get(layers.get(l)), y.get(layers.get(l)));
        }
        return out;
    }

    /** The network's logits on every evaluation example, (examples, classes) row-major. */
    private static float[] logits(SweepContext ctx, Params p, DeviceBatches data, int classes) {
        float[] all = new float[Math.multiplyExact(data.examples(), classes)];
        Evaluator.evaluate(
                ctx.model(),
                p,
                data,
                (offset, z) -> System.arraycopy(z, 0, all, offset * classes, z.length));
        return all;
    }
}
