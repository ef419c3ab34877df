package dev.isthmus.api.admission;

import dev.isthmus.api.spec.ExecutionSpec;
import dev.isthmus.api.spec.ResourcesSpec;

/**
 * What a sweep may use: the memory of the process that runs it, how many tasks that process runs at
 * once, and how much work it may plan.
 *
 * @param bytes memory available to one process
 * @param source where {@code bytes} came from, for messages ({@code this machine's memory})
 * @param parallel tasks one process runs at the same time
 * @param flops floating-point operations the whole sweep may take
 */
public record Budget(double bytes, String source, int parallel, double flops) {

    /**
     * 10¹⁹ operations: about three years at the 100 GFLOP/s a CPU core reaches in path evaluation,
     * a day on a hundred GPUs.
     */
    public static final double DEFAULT_FLOPS = 1e19;

    /** This machine's memory, with the spec's parallelism. */
    public static Budget machine(double bytes, int parallel) {
        return new Budget(
                bytes,
                "this machine's memory; --memory-budget sets another",
                parallel,
                DEFAULT_FLOPS);
    }

    /**
     * A worker pod's memory ({@code execution.resources.memory}); a pod runs one task at a time.
     */
    public static Budget pod(String quantity) {
        return new Budget(
                Units.quantity(quantity),
                "spec.execution.resources.memory: " + quantity,
                1,
                DEFAULT_FLOPS);
    }

    /**
     * The most memory one attempt of a task gets on a cluster: {@code execution.resources.memory},
     * doubled on each retry after an out-of-memory kill up to {@code resources.maxMemory}, so with
     * {@code execution.retries} retries at most {@code min(maxMemory, memory × 2^retries)} (the
     * growth the rendered Workflow's {@code podSpecPatch} applies). Without a cap or retries, the
     * requested memory.
     *
     * @param execution an execution with {@code resources.memory} set, as validated
     */
    public static Budget pod(ExecutionSpec execution) {
        ResourcesSpec resources = execution.resources();
        String memory = resources.memory();
        int retries = execution.retries() == null ? 0 : execution.retries();
        double largest = grown(memory, resources.maxMemory(), retries);
        if (largest <= Units.quantity(memory)) {
            return pod(memory);
        }
        String source =
                largest >= Units.quantity(resources.maxMemory())
                        ? "spec.execution.resources.maxMemory: "
                                + resources.maxMemory()
                                + ", the most a pod retried for memory gets"
                        : "spec.execution.resources.memory: "
                                + memory
                                + " doubled on each of spec.execution.retries: "
                                + retries
                                + " retries for memory";
        return new Budget(largest, source, 1, DEFAULT_FLOPS);
    }

    /**
     * The memory of attempt {@code attempt} (0 for the first) of a pod retried after each
     * out-of-memory kill: {@code memory × 2^attempt}, at most {@code maxMemory}; {@code memory}
     * when there is no cap.
     */
    public static double grown(String memory, String maxMemory, int attempt) {
        double first = Units.quantity(memory);
        if (maxMemory == null || attempt < 1) {
            return first;
        }
        return Math.min(Units.quantity(maxMemory), first * Math.pow(2, attempt));
    }

    /** The same budget with another amount of memory, given by the user. */
    public Budget withBytes(double newBytes, String newSource) {
        return new Budget(newBytes, newSource, parallel, flops);
    }

    /** The same budget with another work limit, given by the user. */
    public Budget withFlops(double newFlops) {
        return new Budget(bytes, source, parallel, newFlops);
    }
}
