package dev.isthmus.workers.cli;

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
}
