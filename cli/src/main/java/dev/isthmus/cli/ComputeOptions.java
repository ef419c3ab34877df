package dev.isthmus.cli;

import picocli.CommandLine.Option;

/** Device and thread options shared by the single-operation commands. */
final class ComputeOptions {
    @Option(names = "--device", defaultValue = "auto", description = "auto, cpu or gpu.")
    String device;

    @Option(
            names = "--threads",
            defaultValue = "1",
            description = "Compute threads (fixed for reproducible results).")
    int threads;

    /** A root manager on the chosen device with the chosen thread count. */
    ai.djl.ndarray.NDManager open() {
        return dev.isthmus.workers.engine.Compute.manager(
                dev.isthmus.workers.engine.Compute.device(device, threads), threads);
    }
}
