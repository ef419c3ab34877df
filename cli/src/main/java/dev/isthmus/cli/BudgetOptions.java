package dev.isthmus.cli;

import com.sun.management.OperatingSystemMXBean;
import dev.isthmus.api.admission.Admission;
import dev.isthmus.api.admission.Budget;
import dev.isthmus.api.admission.Estimate;
import dev.isthmus.api.admission.Units;
import dev.isthmus.api.spec.ConnectivitySweep;
import dev.isthmus.api.spec.ResourcesSpec;
import dev.isthmus.api.validation.BadInputException;
import java.lang.management.ManagementFactory;
import picocli.CommandLine.Option;

/**
 * The budget a sweep is admitted against before any work: this machine's memory (or, for a pod,
 * {@code execution.resources.memory}), unless {@code --memory-budget} gives another.
 */
final class BudgetOptions {

    @Option(
            names = "--memory-budget",
            paramLabel = "QUANTITY",
            description =
                    "Memory the run may use, e.g. 64Gi (default: this machine's memory; for a"
                            + " pod, spec.execution.resources.memory).")
    String memory;

    @Option(
            names = "--work-budget",
            paramLabel = "FLOPS",
            description = "Floating-point operations the sweep may plan (default: 1e19).")
    String work;

    /** Admits a sweep run on this machine, {@code execution.parallelism} tasks at a time. */
    Estimate admitHere(ConnectivitySweep sweep, Object source) {
        Budget machine = Budget.machine(machineBytes(), sweep.spec().execution().parallelism());
        return Admission.requireFits(sweep, override(machine), String.valueOf(source));
    }

    /**
     * Admits a sweep where its spec says it runs: a spec that requests worker pod memory ({@code
     * execution.resources.memory}) is a cluster spec, admitted one task per pod ({@link
     * #admitPod}); any other on this machine ({@link #admitHere}).
     */
    Estimate admitWhereItRuns(ConnectivitySweep sweep, Object source) {
        ResourcesSpec resources = sweep.spec().execution().resources();
        return resources != null && resources.memory() != null
                ? admitPod(sweep, source)
                : admitHere(sweep, source);
    }

    /**
     * Admits a sweep one task at a time in a pod of {@code execution.resources.memory} (grown on a
     * retry for memory up to {@code resources.maxMemory}), or on this machine when the spec
     * requests no memory.
     */
    Estimate admitPod(ConnectivitySweep sweep, Object source) {
        ResourcesSpec resources = sweep.spec().execution().resources();
        Budget budget =
                resources != null && resources.memory() != null
                        ? Budget.pod(sweep.spec().execution())
                        : Budget.machine(machineBytes(), 1);
        return Admission.requireFits(sweep, override(budget), String.valueOf(source));
    }

    /** Whether {@code --memory-budget} replaced the memory this machine or pod has. */
    boolean overridden() {
        return memory != null;
    }

    private Budget override(Budget budget) {
        Budget b = budget;
        if (memory != null) {
            b =
                    b.withBytes(
                            parse("--memory-budget", memory, "a quantity such as 64Gi"),
                            "--memory-budget " + memory);
        }
        if (work != null) {
            double flops;
            try {
                flops = Double.parseDouble(work.strip());
            } catch (NumberFormatException e) {
                flops = -1;
            }
            if (!(flops > 0) || Double.isInfinite(flops)) {
                throw new BadInputException(
                        "--work-budget: expected a positive number of operations such as 1e20,"
                                + " got "
                                + work);
            }
            b = b.withFlops(flops);
        }
        return b;
    }

    private static double parse(String option, String value, String expected) {
        try {
            double bytes = Units.quantity(value);
            if (bytes > 0) return bytes;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadInputException(option + ": expected " + expected + ", got " + value);
    }

    /** Physical memory, or the container's limit when the JVM runs in one. */
    static double machineBytes() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof OperatingSystemMXBean sun) return sun.getTotalMemorySize();
        return Runtime.getRuntime().maxMemory();
    }
}
