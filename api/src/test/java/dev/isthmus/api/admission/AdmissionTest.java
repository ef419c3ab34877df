package dev.isthmus.api.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isthmus.api.plan.Planner;
import dev.isthmus.api.spec.ConnectivitySweep;
import dev.isthmus.api.validation.SpecException;
import dev.isthmus.api.validation.SweepLoader;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Sweeps too large for the machine, a pod or a plan are refused with the field and the numbers. */
class AdmissionTest {

    private static final double GIB = 1024.0 * 1024 * 1024;
    private static final Budget HERE = new Budget(23 * GIB, "this machine's memory", 1, 1e19);

    static String sweep(String model, String train, String rest) {
        return """
                apiVersion: isthmus.dev/v1alpha1
                kind: ConnectivitySweep
                metadata: {name: big}
                spec:
                  model: %s
                  dataset: {name: fashion-mnist}
                  endpoints:
                    train: %s
                %s
                """
                .formatted(model, train, rest);
    }

    private static List<String> refusals(String yaml, Budget budget) {
        ConnectivitySweep s = SweepLoader.parse(yaml, "big.yaml");
        return Admission.problems(Estimate.of(s.spec()), budget).stream()
                .map(Object::toString)
                .toList();
    }

    @Test
    void aBillionUnitsAreRefusedWithTheParametersAndTheBudget() {
        String yaml = sweep("{architecture: mlp, hidden: [1000000000]}", "{seeds: [0, 1]}", "");
        assertEquals(
                List.of(
                        "spec.model.hidden[0]: 1000000000 units make 8.0e11 parameters (2.9 TiB as"
                                + " float32); a task holds 3 (both endpoints and the point on the"
                                + " path) and needs 16 TiB with the dataset and runtime; the budget"
                                + " is 23 GiB (this machine's memory)"),
                refusals(yaml, HERE));
        SpecException e =
                assertThrows(
                        SpecException.class,
                        () ->
                                Admission.requireFits(
                                        SweepLoader.parse(yaml, "big.yaml"), HERE, "big.yaml"));
        assertTrue(e.getMessage().startsWith("big.yaml: 1 problem\n"), e.getMessage());
    }

    @Test
    void aMergeOfSixtyFourEndpointsHoldsThemAllAndIsRefusedWherePairsFit() {
        String seeds =
                "{seeds: ["
                        + LongStream.range(0, 64)
                                .mapToObj(Long::toString)
                                .collect(Collectors.joining(", "))
                        + "]}";
        String model = "{architecture: mlp, hidden: [40000]}";
        assertEquals(List.of(), refusals(sweep(model, seeds, ""), HERE));
        assertEquals(
                List.of(
                        "spec.merges: 64 endpoints merged, each of 3.2e7 parameters (121 MiB as"
                                + " float32); a task holds 262 (four of each endpoint and six of"
                                + " the average) and needs 32 GiB with the dataset and runtime;"
                                + " the budget is 23 GiB (this machine's memory)"),
                refusals(sweep(model, seeds, "  merges: [none]"), HERE));
    }

    @Test
    void sixLayersOf65536UnitsDoNotFitAMachineNorTheirCostMatrices() {
        String yaml =
                sweep(
                        "{architecture: mlp, hidden: [65536, 65536, 65536, 65536, 65536, 65536]}",
                        "{seeds: [0, 1]}",
                        "  alignments: [weight-matching]");
        assertEquals(
                List.of(
                        "spec.model.hidden[0]: 65536 units make 2.2e10 parameters (80 GiB as"
                                + " float32); a task holds 4 (weights, gradients and Adam's two"
                                + " moments) and needs 322 GiB with the dataset and runtime; the"
                                + " budget is 23 GiB (this machine's memory)"),
                refusals(yaml, HERE));
        // with the memory, the arrays Java cannot index are named next
        assertEquals(
                List.of(
                        "spec.model.hidden[0]: 65536 units make the largest tensor of 4.3e9"
                                + " elements; one array holds at most 2,147,483,639 (2^31 - 9)",
                        "spec.model.hidden[0]: 65536 units make an assignment cost matrix of 4.3e9"
                                + " elements; one array holds at most 2,147,483,639 (2^31 - 9)"),
                refusals(yaml, HERE.withBytes(1e15, "--memory-budget 1P")));
    }

    @Test
    void twoBillionEpochsAreRefusedAsWork() {
        String yaml =
                sweep(
                        "{architecture: mlp, hidden: [256]}",
                        "{seeds: [0, 1], epochs: 2000000000}",
                        "");
        assertEquals(
                List.of(
                        "spec.endpoints.train.epochs: 2 seeds × 2.0e9 epochs over 60,000 examples"
                                + " make 3.1e20 floating-point operations of training (about 98"
                                + " years at 100 GFLOP/s); the limit is 1.0e19 for the whole"
                                + " sweep"),
                refusals(yaml, HERE));
        assertEquals(List.of(), refusals(yaml, HERE.withFlops(1e21)));
    }

    @Test
    void aPodBudgetComesFromTheResourcesAndParallelismIsNamedWhenOnlyItOverflows() {
        String yaml =
                sweep(
                        "{architecture: mlp, hidden: [4096, 4096]}",
                        "{seeds: [0, 1, 2, 3]}",
                        "  execution: {parallelism: 64, resources: {memory: 1Gi}}");
        ConnectivitySweep s = SweepLoader.parse(yaml, "big.yaml");
        Estimate e = Estimate.of(s.spec());
        List<String> pod =
                Admission.problems(e, Budget.pod("1Gi")).stream().map(Object::toString).toList();
        assertEquals(1, pod.size(), pod.toString());
        assertTrue(
                pod.get(0).endsWith("the budget is 1 GiB (spec.execution.resources.memory: 1Gi)"),
                pod.get(0));
        List<String> local =
                Admission.problems(e, new Budget(8 * GIB, "this machine's memory", 64, 1e19))
                        .stream()
                        .map(Object::toString)
                        .toList();
        assertEquals(1, local.size(), local.toString());
        assertTrue(local.get(0).startsWith("spec.execution.parallelism: 64 tasks at once need "));
        assertTrue(local.get(0).endsWith(" fit"), local.get(0));
    }

    @Test
    void aPodRetriedForMemoryIsAdmittedAgainstItsLargestAttempt() {
        String wide = "{architecture: mlp, hidden: [4096, 4096]}";
        ConnectivitySweep capped =
                SweepLoader.parse(
                        sweep(
                                wide,
                                "{seeds: [0, 1]}",
                                "  execution: {retries: 4, resources: {memory: 1Gi, maxMemory:"
                                        + " 16Gi}}"),
                        "big.yaml");
        Budget largest = Budget.pod(capped.spec().execution());
        assertEquals(16 * GIB, largest.bytes());
        assertEquals(
                "spec.execution.resources.maxMemory: 16Gi, the most a pod retried for memory gets",
                largest.source());
        assertEquals(List.of(), Admission.problems(Estimate.of(capped.spec()), largest));

        ConnectivitySweep few =
                SweepLoader.parse(
                        sweep(
                                wide,
                                "{seeds: [0, 1]}",
                                "  execution: {retries: 1, resources: {memory: 256Mi, maxMemory:"
                                        + " 16Gi}}"),
                        "big.yaml");
        Budget twice = Budget.pod(few.spec().execution());
        assertEquals(GIB / 2, twice.bytes());
        assertEquals(
                "spec.execution.resources.memory: 256Mi doubled on each of spec.execution.retries:"
                        + " 1 retries for memory",
                twice.source());
        List<String> refused =
                Admission.problems(Estimate.of(few.spec()), twice).stream()
                        .map(Object::toString)
                        .toList();
        assertEquals(1, refused.size(), refused.toString());
        assertTrue(
                refused.get(0)
                        .endsWith(
                                "the budget is 512 MiB (spec.execution.resources.memory: 256Mi"
                                        + " doubled on each of spec.execution.retries: 1 retries"
                                        + " for memory)"),
                refused.get(0));
        assertEquals(
                Budget.pod("1Gi"),
                Budget.pod(
                        SweepLoader.parse(
                                        sweep(
                                                wide,
                                                "{seeds: [0, 1]}",
                                                "  execution: {retries: 3, resources: {memory:"
                                                        + " 1Gi}}"),
                                        "big.yaml")
                                .spec()
                                .execution()),
                "no cap, no growth");
    }

    @Test
    void theQuickstartFitsAndItsEstimateIsSmall() {
        String yaml =
                sweep(
                        "{architecture: mlp, hidden: [256, 256]}",
                        "{seeds: [0, 1], epochs: 3, batchSize: 128}",
                        "  alignments: [none, weight-matching]\n"
                                + "  metrics: [loss, accuracy, decomposition]\n"
                                + "  execution: {parallelism: 2}");
        Estimate e = Estimate.of(SweepLoader.parse(yaml, "q.yaml").spec());
        // 784·256 + 256 + 256·256 + 256 + 256·10 + 10, as Mlp.parameterShapes() has them
        assertEquals(269_322, e.parameters());
        assertEquals(7, e.tasks().tasks());
        assertTrue(e.processBytes(2) < 2 * GIB, Units.bytes(e.processBytes(2)));
        assertEquals(List.of(), Admission.problems(e, Budget.machine(4 * GIB, 2)));
    }

    @Test
    void aHundredThousandSeedsAreRefusedInWellUnderASecond() {
        // The first document warms the parser's JIT as a running operator's would be; the CLI
        // adds its JVM start (about 2 s here) to what is timed below.
        assertThrows(SpecException.class, () -> SweepLoader.parse(seeds(100_000, 200_000), "w"));
        String yaml = seeds(0, 100_000);
        // CPU time of this thread: the machine's other builds must not fail the test
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long start = System.nanoTime();
        long cpuStart = threads.getCurrentThreadCpuTime();
        SpecException e =
                assertThrows(SpecException.class, () -> SweepLoader.parse(yaml, "s.yaml"));
        double seconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        System.out.printf(
                "100,000 seeds refused after %.3f s of CPU, %.3f s of wall time%n",
                seconds, (System.nanoTime() - start) / 1e9);
        assertEquals(
                "s.yaml: 1 problem\n"
                        + "spec.endpoints.train.seeds: 100,000 seeds make 5.0e9 pairs and 1.0e10"
                        + " tasks with 1 alignment(s) and 1 path(s); a plan holds at most"
                        + " 1,000,000 tasks",
                e.getMessage());
        assertTrue(seconds < 1.0, "refused after " + seconds + " s of CPU");
    }

    @Test
    void countingTheTasksOfAHundredThousandSeedsBuildsNoPair() {
        var spec =
                SweepLoader.parse(
                                sweep("{architecture: mlp, hidden: [16]}", "{seeds: [0, 1]}", ""),
                                "w")
                        .spec();
        var train = spec.endpoints().train();
        var many =
                new dev.isthmus.api.spec.SweepSpec(
                        spec.model(),
                        spec.dataset(),
                        new dev.isthmus.api.spec.EndpointsSpec(
                                new dev.isthmus.api.spec.TrainSpec(
                                        LongStream.range(0, 100_000).boxed().toList(),
                                        train.epochs(),
                                        train.optimizer(),
                                        train.learningRate(),
                                        train.batchSize(),
                                        train.momentum(),
                                        train.weightDecay()),
                                null),
                        spec.pairs(),
                        spec.alignments(),
                        spec.paths(),
                        spec.alphas(),
                        spec.metrics(),
                        spec.seeds(),
                        spec.execution(),
                        spec.regression());
        long start = System.nanoTime();
        TaskCount count = TaskCount.of(many);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(4_999_950_000L, count.pairs());
        assertEquals(100_000 + 2 * 4_999_950_000L + 1, count.tasks());
        assertTrue(seconds < 0.05, "counted in " + seconds + " s");
    }

    private static String seeds(int from, int to) {
        String list =
                LongStream.range(from, to)
                        .mapToObj(Long::toString)
                        .collect(Collectors.joining(", ", "[", "]"));
        return sweep("{architecture: mlp, hidden: [16]}", "{seeds: " + list + "}", "");
    }

    @Test
    void thePlannerRefusesAHugeSweepBuiltInCodeWithoutBuildingIt() {
        ConnectivitySweep small =
                SweepLoader.parse(
                        sweep("{architecture: mlp, hidden: [16]}", "{seeds: [0, 1]}", ""), "w");
        List<Long> seeds = LongStream.range(0, 50_000).boxed().toList();
        var train = small.spec().endpoints().train();
        var spec = small.spec();
        ConnectivitySweep huge =
                new ConnectivitySweep(
                        small.apiVersion(),
                        small.kind(),
                        small.metadata(),
                        new dev.isthmus.api.spec.SweepSpec(
                                spec.model(),
                                spec.dataset(),
                                new dev.isthmus.api.spec.EndpointsSpec(
                                        new dev.isthmus.api.spec.TrainSpec(
                                                seeds,
                                                train.epochs(),
                                                train.optimizer(),
                                                train.learningRate(),
                                                train.batchSize(),
                                                train.momentum(),
                                                train.weightDecay()),
                                        null),
                                spec.pairs(),
                                spec.alignments(),
                                spec.paths(),
                                spec.alphas(),
                                spec.metrics(),
                                spec.seeds(),
                                spec.execution(),
                                spec.regression()));
        long start = System.nanoTime();
        assertThrows(SpecException.class, () -> Planner.plan(huge));
        assertTrue((System.nanoTime() - start) / 1e9 < 1.0);
    }
}
