package dev.isthmus.api.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.isthmus.api.spec.ConnectivitySweep;
import dev.isthmus.api.validation.SweepLoader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlannerTest {

    static ConnectivitySweep sweep(String seeds, String extra) {
        return SweepLoader.parse(
                "apiVersion: isthmus.dev/v1alpha1\n"
                        + "kind: ConnectivitySweep\n"
                        + "metadata: {name: demo}\n"
                        + "spec:\n"
                        + "  model: {architecture: mlp, hidden: [32]}\n"
                        + "  dataset: {name: fashion-mnist}\n"
                        + "  endpoints: {train: {seeds: "
                        + seeds
                        + ", epochs: 1}}\n"
                        + extra,
                "test");
    }

    static Map<String, String> keys(Plan plan) {
        Map<String, String> keys = new HashMap<>();
        for (Task t : plan.allTasks()) keys.put(t.id(), t.key());
        return keys;
    }

    @Test
    void sameSpecGivesTheSamePlan() {
        Plan a = Planner.plan(sweep("[0, 1, 2]", ""));
        Plan b = Planner.plan(sweep("[0, 1, 2]", "  alphas: 25\n  pairs: all\n"));
        assertEquals(a, b); // defaults written out or left implicit make no difference
        assertEquals(ContentKey.canonicalJson(a), ContentKey.canonicalJson(b));
    }

    @Test
    void stagesAndTasksFollowTheSpec() {
        Plan plan = Planner.plan(sweep("[0, 1, 2]", ""));
        assertEquals(3, plan.tasks(Stage.TRAIN).size());
        assertEquals(3, plan.tasks(Stage.ALIGN).size()); // 3 pairs x [none]
        assertEquals(3, plan.tasks(Stage.EVALUATE).size()); // x [linear]
        assertEquals(1, plan.tasks(Stage.AGGREGATE).size());
        Task eval = plan.task(Stage.EVALUATE, 2);
        assertEquals("evaluate-2", eval.id());
        assertEquals(
                new Work.Evaluate("seed-1", "seed-2", "none", "linear", 0, "align-2", null),
                eval.work());
        assertEquals(List.of("train-1", "train-2", "align-2"), eval.dependsOn());
        assertEquals(
                List.of("evaluate-0", "evaluate-1", "evaluate-2"),
                plan.tasks(Stage.AGGREGATE).get(0).dependsOn());
    }

    @Test
    void changingOneSeedChangesOnlyTheKeysThatDependOnIt() {
        Map<String, String> before = keys(Planner.plan(sweep("[0, 1, 2]", "")));
        Map<String, String> after = keys(Planner.plan(sweep("[0, 1, 7]", "")));
        // seed-2 (train-2) feeds pairs (0,2) and (1,2): align/evaluate 1 and 2, and the aggregate.
        for (String id : List.of("train-0", "train-1", "align-0", "evaluate-0")) {
            assertEquals(before.get(id), after.get(id), id);
        }
        for (String id :
                List.of(
                        "train-2",
                        "align-1",
                        "align-2",
                        "evaluate-1",
                        "evaluate-2",
                        "aggregate-0")) {
            assertNotEquals(before.get(id), after.get(id), id);
        }
    }

    @Test
    void evaluationSettingsDoNotInvalidateTraining() {
        Map<String, String> before = keys(Planner.plan(sweep("[0, 1]", "")));
        Map<String, String> after = keys(Planner.plan(sweep("[0, 1]", "  alphas: 11\n")));
        assertEquals(before.get("train-0"), after.get("train-0"));
        assertEquals(before.get("align-0"), after.get("align-0"));
        assertNotEquals(before.get("evaluate-0"), after.get("evaluate-0"));
    }

    @Test
    void pairModes() {
        List<String> names = List.of("a", "b", "c");
        assertEquals(
                List.of(List.of("a", "b"), List.of("a", "c"), List.of("b", "c")),
                Planner.pairs(dev.isthmus.api.spec.PairsSpec.of("all"), names));
        assertEquals(
                List.of(List.of("a", "b"), List.of("b", "c")),
                Planner.pairs(dev.isthmus.api.spec.PairsSpec.of("consecutive"), names));
        assertEquals(
                List.of(List.of("c", "a")),
                Planner.pairs(
                        dev.isthmus.api.spec.PairsSpec.of(List.of(List.of("c", "a"))), names));
    }

    @Test
    void checkpointEndpointsNeedNoTraining() {
        Plan plan =
                Planner.plan(
                        SweepLoader.parse(
                                "apiVersion: isthmus.dev/v1alpha1\nkind: ConnectivitySweep\nmetadata: {name: ck}\nspec:\n"
                                        + "  model: {architecture: mlp, hidden: [32]}\n  dataset: {name: fashion-mnist}\n"
                                        + "  endpoints:\n    checkpoints: [{name: x, uri: x.safetensors}, {name: y, uri: y.safetensors}]\n",
                                "test"));
        assertEquals(0, plan.tasks(Stage.TRAIN).size());
        assertEquals(List.of(), plan.task(Stage.ALIGN, 0).dependsOn());
        assertEquals(List.of("align-0"), plan.task(Stage.EVALUATE, 0).dependsOn());
    }

    @Test
    void alignmentSettingsReachOnlyTheirOwnTasks() {
        String both = "  alignments: [none, weight-matching]\n";
        Map<String, String> before = keys(Planner.plan(sweep("[0, 1]", both)));
        Map<String, String> after =
                keys(Planner.plan(sweep("[0, 1]", both + "  seeds: {align: 5}\n")));
        assertEquals(before.get("train-0"), after.get("train-0"));
        assertEquals(before.get("align-0"), after.get("align-0")); // none ignores the seed
        assertNotEquals(before.get("align-1"), after.get("align-1"));
        assertEquals(before.get("evaluate-0"), after.get("evaluate-0"));
        assertNotEquals(before.get("evaluate-1"), after.get("evaluate-1"));
    }

    @Test
    void mergesAreTasksOfAllEndpointsThatTheAggregateWaitsFor() {
        Plan plain = Planner.plan(sweep("[0, 1, 2]", ""));
        Plan plan =
                Planner.plan(
                        sweep(
                                "[0, 1, 2]",
                                "  merges: [merge-many, {alignment: none, weights: [1, 1, 2]}]\n"));
        assertEquals(2, plan.tasks(Stage.MERGE).size());
        Task many = plan.task(Stage.MERGE, 0);
        assertEquals(new Work.Merge(0, "merge-many"), many.work());
        assertEquals(List.of("train-0", "train-1", "train-2"), many.dependsOn());
        assertEquals(
                List.of("evaluate-0", "evaluate-1", "evaluate-2", "merge-0", "merge-1"),
                plan.tasks(Stage.AGGREGATE).get(0).dependsOn());
        // a merge changes no other task; without merges the aggregate is as before
        Map<String, String> before = keys(plain);
        Map<String, String> after = keys(plan);
        before.forEach(
                (id, key) -> {
                    if (!id.startsWith("aggregate")) assertEquals(key, after.get(id), id);
                });
        assertNotEquals(before.get("aggregate-0"), after.get("aggregate-0"));
        assertEquals(
                keys(plain).get("aggregate-0"),
                keys(Planner.plan(sweep("[0, 1, 2]", "  alphas: 25\n"))).get("aggregate-0"));

        Map<String, String> weighted =
                keys(
                        Planner.plan(
                                sweep(
                                        "[0, 1, 2]",
                                        "  merges: [merge-many, {alignment: none, weights: [1, 1,"
                                                + " 3]}]\n")));
        assertEquals(after.get("merge-0"), weighted.get("merge-0"));
        assertNotEquals(after.get("merge-1"), weighted.get("merge-1"));
        Map<String, String> trainedLonger =
                keys(
                        Planner.plan(
                                sweep(
                                        "[0, 1, 7]",
                                        "  merges: [merge-many, {alignment: none, weights: [1, 1,"
                                                + " 2]}]\n")));
        assertNotEquals(after.get("merge-0"), trainedLonger.get("merge-0"));
    }
}
