package dev.isthmus.api.admission;

import dev.isthmus.api.spec.AlignmentSpec;
import dev.isthmus.api.spec.MetricSpec;
import dev.isthmus.api.spec.PathSpec;
import dev.isthmus.api.spec.SweepSpec;
import dev.isthmus.api.spec.TrainSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What a sweep needs, estimated from its spec alone: parameters, the memory of its largest task
 * (weights and optimizer state, activations at the batch size, the evaluation set, the
 * decomposition's α × examples arrays, assignment cost matrices) and its work. The estimate is an
 * upper bound of the arrays the workers allocate, not of what the operating system reports.
 *
 * @param tasks the plan's size
 * @param parameters trainable parameters of one network
 * @param arrays the largest single arrays (a {@link Term}'s {@code bytes} holds elements here)
 * @param terms the parts of the largest task's memory, largest first
 * @param taskBytes the largest task's memory, the shared dataset and runtime excluded
 * @param datasetBytes the dataset, loaded once per process
 * @param work floating-point operations of the whole sweep by stage, largest first (a {@link
 *     Term}'s {@code bytes} holds operations here)
 */
public record Estimate(
        TaskCount tasks,
        double parameters,
        List<Term> arrays,
        List<Term> terms,
        double taskBytes,
        double datasetBytes,
        List<Term> work) {

    /** The JVM, PyTorch's native library and their buffers, measured as about 400 MiB. */
    public static final double RUNTIME_BYTES = 512.0 * 1024 * 1024;

    private static final double F32 = 4;
    private static final double F64 = 8;
    private static final int EVAL_BATCH = 1000;

    /** Per-example float64 arrays of the decomposition, per α: loss, D, J and E_y. */
    private static final int DECOMPOSITION_ARRAYS = 4;

    /** Estimates a validated spec with defaults applied. */
    public static Estimate of(SweepSpec spec) {
        TaskCount count = TaskCount.of(spec);
        Network net = Network.of(spec.model(), spec.dataset());
        String widthCause = sizedBy(net) + " " + Units.count(net.parameters()) + " parameters";
        List<List<Term>> stages = new ArrayList<>();
        List<Term> work = new ArrayList<>();

        TrainSpec train = spec.endpoints().train();
        if (train != null) {
            stages.add(trainMemory(net, widthCause, train));
            work.add(trainWork(net, count, train));
        }
        double pairFlops = 0;
        for (AlignmentSpec a : spec.alignments()) {
            stages.add(alignMemory(net, widthCause, a));
            pairFlops = Math.max(pairFlops, alignFlops(net, a));
        }
        work.add(
                new Term(
                        "spec.alignments",
                        Units.count(count.alignTasks()) + " alignments",
                        count.pairs() * pairFlops,
                        "of alignment"));
        stages.add(evaluateMemory(spec, net, widthCause));
        work.add(evaluateWork(spec, net, count));
        for (PathSpec path : spec.paths()) {
            if (PathSpec.BEZIER.equals(path.type()) && path.epochs() != null) {
                work.add(curveWork(net, count, path));
            }
        }

        if (spec.merges() != null && !spec.merges().isEmpty()) {
            stages.add(mergeMemory(spec, net, count));
        }

        List<Term> largest = largestStage(stages);
        List<Term> sorted = new ArrayList<>(largest);
        sorted.sort(Comparator.comparingDouble(Term::bytes).reversed());
        work.sort(Comparator.comparingDouble(Term::bytes).reversed());
        return new Estimate(
                count,
                net.parameters(),
                arrays(spec, net),
                List.copyOf(sorted),
                total(largest),
                F32 * net.datasetFloats(),
                List.copyOf(work));
    }

    /** Weights and optimizer state, and one training batch's activations. */
    private static List<Term> trainMemory(Network net, String widthCause, TrainSpec train) {
        boolean adam = !"sgd".equals(train.optimizer());
        int copies = adam ? 4 : 3; // weights, gradients, Adam's m and v or SGD's momentum
        return List.of(
                new Term(
                        net.widthField(),
                        widthCause,
                        copies * F32 * net.parameters(),
                        "as float32",
                        copies,
                        adam
                                ? "weights, gradients and Adam's two moments"
                                : "weights, gradients and momentum"),
                activations("spec.endpoints.train.batchSize", net, train.batchSize()));
    }

    /** Every seed's epochs: forward and backward over the training set, one evaluation pass. */
    private static Term trainWork(Network net, TaskCount count, TrainSpec train) {
        double epochs = train.epochs();
        double perSeed =
                epochs
                        * (3 * net.flopsPerExample() * net.trainExamples()
                                + net.flopsPerExample() * net.evalExamples());
        return new Term(
                "spec.endpoints.train.epochs",
                Units.count(count.trained())
                        + " seeds × "
                        + Units.count(epochs)
                        + " epochs over "
                        + Units.count(net.trainExamples())
                        + " examples",
                count.trained() * perSeed,
                "of training");
    }

    /** Two endpoints and the aligned copy, the cost matrices, activation-matching's activations. */
    private static List<Term> alignMemory(Network net, String widthCause, AlignmentSpec a) {
        List<Term> terms = new ArrayList<>();
        terms.add(
                new Term(
                        net.widthField(),
                        widthCause,
                        3 * F32 * net.parameters(),
                        "as float32",
                        3,
                        "both endpoints and the aligned copy"));
        if (!AlignmentSpec.NONE.equals(a.type())) terms.add(costMatrices(net));
        if (a.usesActivations()) {
            double examples = a.examples();
            terms.add(
                    new Term(
                            "spec.alignments",
                            Units.count(examples) + " activation-matching examples",
                            2 * F32 * examples * net.activationsPerExample(),
                            "as float32",
                            2,
                            "the activations of both networks"));
        }
        return terms;
    }

    /** One pair's alignment: a cost matrix product and a cubic assignment per sweep and restart. */
    private static double alignFlops(Network net, AlignmentSpec a) {
        if (AlignmentSpec.NONE.equals(a.type())) return 0;
        double n = net.widestGroup();
        double sweeps = (a.maxSweeps() == null ? 1 : a.maxSweeps()) * (double) a.descents();
        return sweeps * (2 * net.parameters() * n + n * n * n);
    }

    /** Three networks' weights and logits, a batch's activations, the decomposition, CKA. */
    private static List<Term> evaluateMemory(SweepSpec spec, Network net, String widthCause) {
        double eval = net.evalExamples();
        List<Term> evaluate = new ArrayList<>();
        evaluate.add(
                new Term(
                        net.widthField(),
                        widthCause,
                        3 * F32 * net.parameters(),
                        "as float32",
                        3,
                        "both endpoints and the point on the path"));
        evaluate.add(logits(spec, net, 3, "both endpoints and the path"));
        evaluate.add(activations(net.widthField(), net, Math.min(EVAL_BATCH, eval)));
        if (MetricSpec.contains(spec.metrics(), "decomposition")) {
            double alphas = spec.alphas();
            evaluate.add(
                    new Term(
                            "spec.alphas",
                            Units.count(alphas)
                                    + " alphas × "
                                    + Units.count(eval)
                                    + " examples make the decomposition's arrays",
                            DECOMPOSITION_ARRAYS * F64 * alphas * eval,
                            "as float64",
                            DECOMPOSITION_ARRAYS,
                            "loss, D, J and E_y"));
        }
        if (MetricSpec.contains(spec.metrics(), MetricSpec.ENSEMBLE)) {
            evaluate.add(
                    new Term(
                            "spec.metrics",
                            Units.count(eval)
                                    + " examples × "
                                    + Units.count(net.classes())
                                    + " classes make the ensemble's two running sums"
                                    + " (float64) and one point's logits (float32)",
                            (2 * F64 + F32) * eval * net.classes(),
                            "in all"));
        }
        MetricSpec cka = MetricSpec.find(spec.metrics(), MetricSpec.CKA);
        if (cka != null && cka.examples() != null) {
            evaluate.add(
                    new Term(
                            "spec.metrics",
                            Units.count(cka.examples()) + " CKA examples",
                            2 * F32 * cka.examples() * net.activationsPerExample(),
                            "as float32",
                            2,
                            "the activations of both networks"));
        }
        return evaluate;
    }

    /** Every path's alphas over the evaluation set. */
    private static Term evaluateWork(SweepSpec spec, Network net, TaskCount count) {
        double alphas = spec.alphas();
        double eval = net.evalExamples();
        return new Term(
                "spec.alphas",
                Units.count(count.evaluateTasks())
                        + " paths × "
                        + Units.count(alphas)
                        + " alphas × "
                        + Units.count(eval)
                        + " examples",
                count.evaluateTasks() * alphas * eval * net.flopsPerExample(),
                "of evaluation");
    }

    /** A Bézier curve's training epochs, once per aligned pair. */
    private static Term curveWork(Network net, TaskCount count, PathSpec path) {
        double fit = path.epochs() * 3 * net.flopsPerExample() * net.trainExamples();
        return new Term(
                "spec.paths",
                Units.count(count.alignTasks()) + " Bézier curves × " + path.epochs() + " epochs",
                count.alignTasks() * fit,
                "of curve fitting");
    }

    /**
     * A merge of every endpoint: each as read, moved into the frame and twice on the device (as it
     * is and aligned, for the evaluations), the mean of the others, both averages, their
     * corrections and weight matching's working copies (4k + 6 networks), the cost matrices when it
     * aligns, and one network's logits.
     */
    private static List<Term> mergeMemory(SweepSpec spec, Network net, TaskCount count) {
        int copies = (int) Math.min(Integer.MAX_VALUE, 4 * count.endpoints() + 6);
        List<Term> merge = new ArrayList<>();
        merge.add(
                new Term(
                        "spec.merges",
                        Units.count(count.endpoints())
                                + " endpoints merged, each of "
                                + Units.count(net.parameters())
                                + " parameters",
                        copies * F32 * net.parameters(),
                        "as float32",
                        copies,
                        "four of each endpoint and six of the average"));
        if (spec.merges().stream().anyMatch(m -> m != null && !"none".equals(m.alignment()))) {
            merge.add(costMatrices(net));
        }
        merge.add(logits(spec, net, 1, ""));
        return merge;
    }

    /** Weight matching's cost matrix and the solver's copy, float64, of the widest group. */
    private static Term costMatrices(Network net) {
        double n = net.widestGroup();
        return new Term(
                net.widthField(),
                sizedBy(net)
                        + " "
                        + Units.count(n)
                        + " × "
                        + Units.count(n)
                        + " assignment cost matrix",
                2 * F64 * n * n,
                "as float64",
                2,
                "the matrix and the solver's copy");
    }

    /** {@code copies} float32 copies of the evaluation set's logits. */
    private static Term logits(SweepSpec spec, Network net, int copies, String copiesWhat) {
        double eval = net.evalExamples();
        boolean modular = "modular-addition".equals(spec.dataset().name());
        return new Term(
                modular ? "spec.dataset.modulus" : "spec.dataset.evalExamples",
                Units.count(eval)
                        + " examples × "
                        + Units.count(net.classes())
                        + " classes make the logits",
                copies * F32 * eval * net.classes(),
                "as float32",
                copies,
                copiesWhat);
    }

    /** The stage whose terms add up to the most memory (the first of equals). */
    private static List<Term> largestStage(List<List<Term>> stages) {
        List<Term> largest = List.of();
        for (List<Term> stage : stages) {
            if (total(stage) > total(largest)) largest = stage;
        }
        return largest;
    }

    private static double total(List<Term> terms) {
        return terms.stream().mapToDouble(Term::bytes).sum();
    }

    /** Floating-point operations of the whole sweep. */
    public double flops() {
        return work.stream().mapToDouble(Term::bytes).sum();
    }

    /** Memory of one process running {@code parallel} tasks at a time. */
    public double processBytes(int parallel) {
        return RUNTIME_BYTES + datasetBytes + parallel * taskBytes;
    }

    private static List<Term> arrays(SweepSpec spec, Network net) {
        double n = net.widestGroup();
        boolean modular = "modular-addition".equals(spec.dataset().name());
        String data = modular ? "spec.dataset.modulus" : "spec.dataset.trainExamples";
        return List.of(
                new Term(
                        net.widthField(),
                        sizedBy(net) + " the largest tensor",
                        net.largestTensor(),
                        ""),
                new Term(net.widthField(), sizedBy(net) + " an assignment cost matrix", n * n, ""),
                new Term(
                        data,
                        Units.count(net.trainExamples())
                                + " training examples × "
                                + Units.count(net.features())
                                + " inputs make the training set",
                        net.trainExamples() * net.features(),
                        ""),
                new Term(
                        "spec.dataset.evalExamples",
                        Units.count(net.evalExamples())
                                + " evaluation examples × "
                                + Units.count(net.classes())
                                + " classes make the logits",
                        net.evalExamples() * net.classes(),
                        ""));
    }

    private static Term activations(String field, Network net, double batch) {
        return new Term(
                field,
                "a batch of " + Units.count(batch) + " examples makes the activations",
                2 * F32 * batch * net.activationsPerExample(),
                "as float32",
                2,
                "the forward and the backward pass");
    }

    /** {@code 1000000000 units make}, {@code width 4 makes}, {@code dModel 4096 makes}. */
    private static String sizedBy(Network net) {
        String field = net.widthField();
        if (field.startsWith("spec.model.hidden")) return net.widthValue() + " units make";
        String name = field.substring(field.lastIndexOf('.') + 1);
        return name + " " + net.widthValue() + " makes";
    }
}
