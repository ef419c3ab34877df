package dev.isthmus.api.spec;

import java.util.List;

/** Fills the fields a sweep leaves out; a given value is never replaced. */
public final class SpecDefaults {

    public static final int ALPHAS = 25;
    public static final List<MetricSpec> METRICS =
            MetricSpec.named(Names.Metric.LOSS.wire(), Names.Metric.ACCURACY.wire());
    public static final int CKA_EXAMPLES = 500;
    public static final int RESAMPLES = 1000;
    public static final double LEVEL = 0.95;
    public static final String LINKAGE = Names.Linkage.AVERAGE.wire();
    public static final double BASIN_THRESHOLD = 0.1;
    public static final int ENSEMBLE_POINTS = 3;
    public static final String FASHION_MNIST_PATH = "/usr/share/datasets/fashion-mnist";
    public static final String STORE = "file://runs";

    private SpecDefaults() {}

    /** The same sweep with every applicable missing field set to its default. */
    public static ConnectivitySweep apply(ConnectivitySweep sweep) {
        if (sweep.spec() == null) {
            return sweep;
        }
        return new ConnectivitySweep(
                sweep.apiVersion(), sweep.kind(), sweep.metadata(), apply(sweep.spec()));
    }

    /** The same spec with every applicable missing field set to its default. */
    public static SweepSpec apply(SweepSpec s) {
        return new SweepSpec(
                model(s.model()),
                dataset(s.dataset()),
                endpoints(s.endpoints()),
                or(s.pairs(), PairsSpec.of(PairsSpec.ALL)),
                alignments(or(s.alignments(), List.of(AlignmentSpec.of(AlignmentSpec.NONE)))),
                paths(or(s.paths(), List.of(PathSpec.of(PathSpec.LINEAR))), model(s.model())),
                or(s.alphas(), ALPHAS),
                metrics(or(s.metrics(), METRICS)),
                seeds(s.seeds()),
                execution(s.execution()),
                s.regression(),
                s.schedule(),
                merges(s.merges(), model(s.model())));
    }

    public static final int MAX_ITERATIONS = 100;

    /** Merge options; a BatchNorm model's merge resets its statistics by default. */
    private static List<MergeSpec> merges(List<MergeSpec> list, ModelSpec model) {
        if (list == null) {
            return null;
        }
        String repair =
                model != null && model.hasBatchNorm()
                        ? PathSpec.REPAIR_RESET
                        : PathSpec.REPAIR_NONE;
        return list.stream()
                .map(
                        m -> {
                            if (m == null) {
                                return null;
                            }
                            String a = m.alignment();
                            boolean many = Names.MergeAlignment.MERGE_MANY.wire().equals(a);
                            boolean matching =
                                    many || Names.MergeAlignment.WEIGHT_MATCHING.wire().equals(a);
                            return new MergeSpec(
                                    a,
                                    m.weights(),
                                    or(m.repair(), repair),
                                    many
                                            ? or(m.maxIterations(), MAX_ITERATIONS)
                                            : m.maxIterations(),
                                    matching ? or(m.maxSweeps(), MAX_SWEEPS) : m.maxSweeps(),
                                    or(m.cycles(), false));
                        })
                .toList();
    }

    public static final int MAX_SWEEPS = 100;
    public static final int ACTIVATION_EXAMPLES = 5000;

    /** Bézier options, and BatchNorm models reset their statistics at each alpha by default. */
    private static List<PathSpec> paths(List<PathSpec> list, ModelSpec model) {
        String repair =
                model != null && model.hasBatchNorm()
                        ? PathSpec.REPAIR_RESET
                        : PathSpec.REPAIR_NONE;
        return list.stream()
                .map(
                        p -> {
                            if (p == null) {
                                return null;
                            }
                            boolean bezier = PathSpec.BEZIER.equals(p.type());
                            return new PathSpec(
                                    p.type(),
                                    bezier ? or(p.epochs(), 3) : p.epochs(),
                                    bezier ? or(p.learningRate(), 1e-3) : p.learningRate(),
                                    or(p.repair(), repair));
                        })
                .toList();
    }

    private static List<MetricSpec> metrics(List<MetricSpec> list) {
        return list.stream().map(SpecDefaults::metric).toList();
    }

    private static MetricSpec metric(MetricSpec m) {
        if (m == null || m.type() == null) {
            return m;
        }
        if (MetricSpec.CKA.equals(m.type())) {
            return new MetricSpec(m.type(), or(m.examples(), CKA_EXAMPLES));
        }
        if (MetricSpec.CONFIDENCE.equals(m.type())) {
            return new MetricSpec(
                    m.type(),
                    m.examples(),
                    or(m.resamples(), RESAMPLES),
                    or(m.level(), LEVEL),
                    m.linkage(),
                    m.threshold());
        }
        if (MetricSpec.BASINS.equals(m.type())) {
            return new MetricSpec(
                    m.type(),
                    m.examples(),
                    m.resamples(),
                    m.level(),
                    or(m.linkage(), LINKAGE),
                    or(m.threshold(), BASIN_THRESHOLD));
        }
        if (MetricSpec.ENSEMBLE.equals(m.type())) {
            return new MetricSpec(
                    m.type(),
                    m.examples(),
                    m.resamples(),
                    m.level(),
                    m.linkage(),
                    m.threshold(),
                    or(m.points(), ENSEMBLE_POINTS));
        }
        return m;
    }

    private static List<AlignmentSpec> alignments(List<AlignmentSpec> list) {
        return list.stream().map(SpecDefaults::alignment).toList();
    }

    private static AlignmentSpec alignment(AlignmentSpec a) {
        if (a == null) {
            return null;
        }
        boolean wm = AlignmentSpec.WEIGHT_MATCHING.equals(a.type());
        return new AlignmentSpec(
                a.type(),
                wm ? or(a.maxSweeps(), MAX_SWEEPS) : a.maxSweeps(),
                a.usesActivations() ? or(a.examples(), ACTIVATION_EXAMPLES) : a.examples(),
                wm ? or(a.warmStart(), AlignmentSpec.NONE) : a.warmStart(),
                // Left out rather than set to 1: a resolved sweep without restarts keeps the
                // content keys (and stored results) it had before the field existed.
                a.restarts());
    }

    private static ModelSpec model(ModelSpec m) {
        if (m == null) {
            return null;
        }
        boolean resnet = ModelSpec.RESNET.equals(m.architecture());
        boolean transformer = ModelSpec.TRANSFORMER.equals(m.architecture());
        boolean onnx = ModelSpec.ONNX.equals(m.architecture());
        return new ModelSpec(
                m.architecture(),
                m.hidden(),
                onnx
                        ? m.normalization()
                        : or(
                                m.normalization(),
                                (resnet
                                                ? Names.Normalization.BATCHNORM
                                                : transformer
                                                        ? Names.Normalization.LAYERNORM
                                                        : Names.Normalization.NONE)
                                        .wire()),
                resnet ? or(m.depth(), 20) : m.depth(),
                resnet ? or(m.width(), 1) : m.width(),
                transformer ? or(m.layers(), 1) : m.layers(),
                transformer ? or(m.heads(), 4) : m.heads(),
                transformer ? or(m.dModel(), 128) : m.dModel(),
                transformer ? or(m.dMlp(), 512) : m.dMlp(),
                m.file());
    }

    private static DatasetSpec dataset(DatasetSpec d) {
        if (d == null) {
            return null;
        }
        String name = d.name() == null ? "" : d.name();
        boolean fashion = name.equals(Names.Dataset.FASHION_MNIST.wire());
        boolean modular = name.equals(Names.Dataset.MODULAR_ADDITION.wire());
        boolean parity = name.equals(Names.Dataset.SPARSE_PARITY.wire());
        return new DatasetSpec(
                d.name(),
                fashion ? or(d.path(), FASHION_MNIST_PATH) : d.path(),
                parity ? or(d.trainExamples(), 20_000) : d.trainExamples(),
                parity ? or(d.evalExamples(), 5_000) : d.evalExamples(),
                or(d.evalSplit(), Names.EvalSplit.TEST.wire()),
                modular ? or(d.modulus(), 97) : d.modulus(),
                modular ? or(d.trainFraction(), 0.5) : d.trainFraction(),
                parity ? or(d.bits(), 40) : d.bits(),
                parity ? or(d.relevant(), 3) : d.relevant(),
                d.trainFile(),
                d.evalFile());
    }

    private static EndpointsSpec endpoints(EndpointsSpec e) {
        if (e == null || e.train() == null) {
            return e;
        }
        return new EndpointsSpec(train(e.train()), e.checkpoints());
    }

    private static TrainSpec train(TrainSpec t) {
        String optimizer = or(t.optimizer(), Names.Optimizer.ADAM.wire());
        boolean sgd = optimizer.equals(Names.Optimizer.SGD.wire());
        return new TrainSpec(
                t.seeds(),
                or(t.epochs(), 1),
                optimizer,
                or(t.learningRate(), sgd ? 0.05 : 1e-3),
                or(t.batchSize(), 128),
                sgd ? or(t.momentum(), 0.9) : t.momentum(),
                or(t.weightDecay(), 0.0));
    }

    private static SeedsSpec seeds(SeedsSpec s) {
        if (s == null) {
            return new SeedsSpec(0L, 0L, 0L);
        }
        return new SeedsSpec(or(s.data(), 0L), or(s.eval(), 0L), or(s.align(), 0L));
    }

    private static ExecutionSpec execution(ExecutionSpec e) {
        if (e == null) {
            e = new ExecutionSpec(null, null, null, null, null);
        }
        return new ExecutionSpec(
                or(e.parallelism(), 1),
                or(e.retries(), 2),
                or(e.store(), STORE),
                or(e.device(), Names.Device.AUTO.wire()),
                or(e.threads(), 1),
                e.resources(),
                e.nodeSelector(),
                e.tolerations(),
                e.volumeClaim(),
                e.storeCredentials());
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
