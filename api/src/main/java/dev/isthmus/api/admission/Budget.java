package dev.isthmus.api.admission;

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

    /** The same budget with another amount of memory, given by the user. */
    public Budget withBytes(double newBytes, String newSource) {
        return new Budget(newBytes, newSource, parallel, flops);
    }

    /** The same budget with another work limit, given by the user. */
    public Budget withFlops(double newFlops) {
        return new Budget(bytes, source, parallel, newFlops);
    }
}
