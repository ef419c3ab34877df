package dev.isthmus.api.plan;

import dev.isthmus.api.admission.Admission;
import dev.isthmus.api.spec.AlignmentSpec;
import dev.isthmus.api.spec.CheckpointRef;
import dev.isthmus.api.spec.ConnectivitySweep;
import dev.isthmus.api.spec.Endpoints;
import dev.isthmus.api.spec.MergeSpec;
import dev.isthmus.api.spec.MetricSpec;
import dev.isthmus.api.spec.PairsSpec;
import dev.isthmus.api.spec.PathSpec;
import dev.isthmus.api.spec.SweepSpec;
import dev.isthmus.api.spec.TrainSpec;
import dev.isthmus.api.validation.BadInputException;
import dev.isthmus.api.validation.SpecException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a validated sweep (defaults applied) into a {@link Plan}: train → align → evaluate → merge
 * → aggregate. Each key hashes exactly the spec parts and upstream keys a task reads, so changing
 * one training seed changes only that endpoint's train task and what is downstream of it.
 */
public final class Planner {

    private Planner() {}

    public static Plan plan(ConnectivitySweep sweep) {
        SweepSpec spec = sweep.spec();
        // SweepLoader refuses these already; a sweep built in code must not hang here either.
        List<dev.isthmus.api.validation.Problem> tooLarge = Admission.plannable(spec);
        if (!tooLarge.isEmpty()) throw new SpecException(sweep.name(), tooLarge);
        Map<Stage, List<Task>> stages = new EnumMap<>(Stage.class);
        for (Stage s : Stage.values()) stages.put(s, new ArrayList<>());

        List<Endpoint> endpoints = endpoints(spec, stages.get(Stage.TRAIN));
        Map<String, Endpoint> byName = new LinkedHashMap<>();
        for (Endpoint e : endpoints) byName.put(e.name(), e);

        List<String> evaluateKeys = new ArrayList<>();
        for (List<String> pair : pairs(spec.pairs(), Endpoints.endpointNames(spec))) {
            Endpoint a = byName.get(pair.get(0));
            Endpoint b = byName.get(pair.get(1));
            for (AlignmentSpec alignment : spec.alignments()) {
                Task align = alignTask(spec, stages.get(Stage.ALIGN).size(), a, b, alignment);
                stages.get(Stage.ALIGN).add(align);
                for (int pathIndex = 0; pathIndex < spec.paths().size(); pathIndex++) {
                    PathSpec path = spec.paths().get(pathIndex);
                    Task fit = null;
                    if (PathSpec.BEZIER.equals(path.type())) {
                        fit =
                                fitTask(
                                        spec,
                                        stages.get(Stage.FIT_CURVE).size(),
                                        a,
                                        b,
                                        align,
                                        pathIndex);
                        stages.get(Stage.FIT_CURVE).add(fit);
                    }
                    Task eval =
                            evaluateTask(
                                    spec,
                                    stages.get(Stage.EVALUATE).size(),
                                    a,
                                    b,
                                    align,
                                    fit,
                                    pathIndex);
                    stages.get(Stage.EVALUATE).add(eval);
                    evaluateKeys.add(eval.key());
                }
            }
        }
        List<String> mergeKeys = new ArrayList<>();
        if (spec.merges() != null) {
            for (int i = 0; i < spec.merges().size(); i++) {
                Task merge = mergeTask(spec, i, endpoints);
                stages.get(Stage.MERGE).add(merge);
                mergeKeys.add(merge.key());
            }
        }
        List<String> evalIds = new ArrayList<>();
        for (Task t : stages.get(Stage.EVALUATE)) evalIds.add(t.id());
        for (Task t : stages.get(Stage.MERGE)) evalIds.add(t.id());
        Map<String, Object> aggregateInputs = new LinkedHashMap<>();
        aggregateInputs.put("stage", "aggregate");
        aggregateInputs.put("engine", ContentKey.ENGINE_VERSION);
        aggregateInputs.put("sweep", sweep.name());
        aggregateInputs.put("evaluations", evaluateKeys);
        if (!mergeKeys.isEmpty()) aggregateInputs.put("merges", mergeKeys);
        MetricSpec basins = MetricSpec.find(spec.metrics(), MetricSpec.BASINS);
        if (basins != null) aggregateInputs.put("basins", basins);
        String aggregateKey = ContentKey.of(aggregateInputs);
        stages.get(Stage.AGGREGATE)
                .add(
                        new Task(
                                Stage.AGGREGATE,
                                0,
                                aggregateKey,
                                List.copyOf(evalIds),
                                new Work.Aggregate()));

        Map<Stage, List<Task>> frozen = new EnumMap<>(Stage.class);
        stages.forEach((s, tasks) -> frozen.put(s, List.copyOf(tasks)));
        return new Plan(
                sweep.name(), ContentKey.of(spec), List.copyOf(endpoints), Map.copyOf(frozen));
    }

    private static List<Endpoint> endpoints(SweepSpec spec, List<Task> trainTasks) {
        List<Endpoint> endpoints = new ArrayList<>();
        TrainSpec train = spec.endpoints().train();
        if (train != null) {
            TrainSpec recipe =
                    new TrainSpec(
                            null,
                            train.epochs(),
                            train.optimizer(),
                            train.learningRate(),
                            train.batchSize(),
                            train.momentum(),
                            train.weightDecay());
            for (Long seed : train.seeds()) {
                String name = Endpoints.seedName(seed);
                Map<String, Object> inputs = new LinkedHashMap<>();
                inputs.put("stage", "train");
                inputs.put("engine", ContentKey.ENGINE_VERSION);
                inputs.put("model", spec.model());
                inputs.put("dataset", spec.dataset());
                // The data seed shapes the training set, the eval seed the evaluation subset
                // that the per-epoch history is measured on; the align seed is not read here.
                inputs.put("dataSeed", spec.seeds().data());
                inputs.put("evalSeed", spec.seeds().eval());
                inputs.put("recipe", recipe);
                inputs.put("seed", seed);
                inputs.put("threads", spec.execution().threads());
                Task task =
                        new Task(
                                Stage.TRAIN,
                                trainTasks.size(),
                                ContentKey.of(inputs),
                                List.of(),
                                new Work.Train(name, seed));
                trainTasks.add(task);
                endpoints.add(new Endpoint(name, seed, null, task.id(), task.key()));
            }
        }
        if (spec.endpoints().checkpoints() != null) {
            for (CheckpointRef c : spec.endpoints().checkpoints()) {
                String key = ContentKey.of(Map.of("checkpoint", c.uri()));
                endpoints.add(new Endpoint(c.name(), null, c.uri(), null, key));
            }
        }
        return endpoints;
    }

    private static Task alignTask(
            SweepSpec spec, int index, Endpoint a, Endpoint b, AlignmentSpec alignment) {
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("stage", "align");
        inputs.put("engine", ContentKey.ENGINE_VERSION);
        inputs.put("model", spec.model());
        inputs.put("alignment", alignment);
        if (AlignmentSpec.WEIGHT_MATCHING.equals(alignment.type())
                || AlignmentSpec.ORTHOGONAL.equals(alignment.type())) {
            inputs.put("alignSeed", spec.seeds().align());
            inputs.put("threads", spec.execution().threads());
        }
        if (alignment.usesActivations()) {
            inputs.put("dataset", spec.dataset());
            inputs.put("dataSeed", spec.seeds().data());
            inputs.put("threads", spec.execution().threads());
        }
        inputs.put("a", a.key());
        inputs.put("b", b.key());
        return new Task(
                Stage.ALIGN,
                index,
                ContentKey.of(inputs),
                upstream(a, b),
                new Work.Align(a.name(), b.name(), alignment.type()));
    }

    /** Trains a Bézier control point on the training data between A and aligned B. */
    private static Task fitTask(
            SweepSpec spec, int index, Endpoint a, Endpoint b, Task align, int pathIndex) {
        PathSpec path = spec.paths().get(pathIndex);
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("stage", "fit-curve");
        inputs.put("engine", ContentKey.ENGINE_VERSION);
        inputs.put("model", spec.model());
        inputs.put("dataset", spec.dataset());
        inputs.put("dataSeed", spec.seeds().data());
        inputs.put("path", path);
        inputs.put("threads", spec.execution().threads());
        inputs.put("a", a.key());
        inputs.put("aligned", align.key());
        List<String> deps = new ArrayList<>(upstream(a, b));
        deps.add(align.id());
        Work.Align w = (Work.Align) align.work();
        return new Task(
                Stage.FIT_CURVE,
                index,
                ContentKey.of(inputs),
                List.copyOf(deps),
                new Work.FitCurve(a.name(), b.name(), w.alignment(), pathIndex, align.id()));
    }

    private static Task evaluateTask(
            SweepSpec spec,
            int index,
            Endpoint a,
            Endpoint b,
            Task align,
            Task fit,
            int pathIndex) {
        PathSpec path = spec.paths().get(pathIndex);
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("stage", "evaluate");
        inputs.put("engine", ContentKey.ENGINE_VERSION);
        inputs.put("model", spec.model());
        inputs.put("dataset", spec.dataset());
        inputs.put("dataSeed", spec.seeds().data());
        inputs.put("evalSeed", spec.seeds().eval());
        inputs.put("path", path);
        inputs.put("alphas", spec.alphas());
        // The basin map is drawn by the aggregate: asking for it re-runs no evaluation.
        inputs.put(
                "metrics",
                spec.metrics().stream().filter(m -> !MetricSpec.BASINS.equals(m.type())).toList());
        inputs.put("threads", spec.execution().threads());
        inputs.put("a", a.key());
        inputs.put("aligned", align.key());
        if (fit != null) inputs.put("curve", fit.key());
        List<String> deps = new ArrayList<>(upstream(a, b));
        deps.add(align.id());
        if (fit != null) deps.add(fit.id());
        Work.Align w = (Work.Align) align.work();
        return new Task(
                Stage.EVALUATE,
                index,
                ContentKey.of(inputs),
                List.copyOf(deps),
                new Work.Evaluate(
                        a.name(),
                        b.name(),
                        w.alignment(),
                        pathLabels(spec.paths()).get(pathIndex),
                        pathIndex,
                        align.id(),
                        fit == null ? null : fit.id()));
    }

    /** Merges every endpoint: reads each one's checkpoint, the data and the align seed. */
    private static Task mergeTask(SweepSpec spec, int index, List<Endpoint> endpoints) {
        MergeSpec merge = spec.merges().get(index);
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("stage", "merge");
        inputs.put("engine", ContentKey.ENGINE_VERSION);
        inputs.put("model", spec.model());
        inputs.put("dataset", spec.dataset());
        inputs.put("dataSeed", spec.seeds().data());
        inputs.put("evalSeed", spec.seeds().eval());
        inputs.put("alignSeed", spec.seeds().align());
        inputs.put("merge", merge);
        inputs.put("threads", spec.execution().threads());
        List<String> keys = new ArrayList<>();
        List<String> deps = new ArrayList<>();
        for (Endpoint e : endpoints) {
            keys.add(e.key());
            if (e.trained()) deps.add(e.trainTask());
        }
        inputs.put("endpoints", keys);
        return new Task(
                Stage.MERGE,
                index,
                ContentKey.of(inputs),
                List.copyOf(deps),
                new Work.Merge(index, merge.alignment()));
    }

    /**
     * The name each path goes by in results: its {@link PathSpec#label() label}, with its position
     * appended ({@code bezier#2}) when two entries share a label but differ in options.
     */
    public static List<String> pathLabels(List<PathSpec> paths) {
        Map<String, Integer> counts = new HashMap<>();
        for (PathSpec p : paths) counts.merge(p.label(), 1, Integer::sum);
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < paths.size(); i++) {
            String label = paths.get(i).label();
            labels.add(counts.get(label) > 1 ? label + "#" + i : label);
        }
        return List.copyOf(labels);
    }

    private static List<String> upstream(Endpoint a, Endpoint b) {
        List<String> deps = new ArrayList<>();
        if (a.trained()) deps.add(a.trainTask());
        if (b.trained()) deps.add(b.trainTask());
        return List.copyOf(deps);
    }

    /** The endpoint pairs a {@link PairsSpec} selects, in a fixed order. */
    public static List<List<String>> pairs(PairsSpec pairs, List<String> names) {
        List<List<String>> out = new ArrayList<>();
        switch (pairs.mode()) {
            case PairsSpec.ALL -> {
                for (int i = 0; i < names.size(); i++) {
                    for (int j = i + 1; j < names.size(); j++) {
                        out.add(List.of(names.get(i), names.get(j)));
                    }
                }
            }
            case PairsSpec.CONSECUTIVE -> {
                for (int i = 0; i + 1 < names.size(); i++) {
                    out.add(List.of(names.get(i), names.get(i + 1)));
                }
            }
            case PairsSpec.EXPLICIT -> pairs.explicit().forEach(p -> out.add(List.copyOf(p)));
            default -> throw new BadInputException("unknown pairs mode " + pairs.mode());
        }
        return out;
    }
}
