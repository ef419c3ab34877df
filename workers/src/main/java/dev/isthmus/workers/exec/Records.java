package dev.isthmus.workers.exec;

import dev.isthmus.workers.report.Results;
import dev.isthmus.workers.train.EpochStats;
import java.util.List;
import java.util.Map;

/** The small JSON documents tasks write beside their tensors. */
public final class Records {
    private Records() {}

    /**
     * What a finished task produced; its presence (with a matching key, and unchanged checkpoint
     * files given by the user) marks the task done.
     *
     * @param inputs SHA-256 of each user-supplied checkpoint file the task read, by endpoint
     * @param hashes SHA-256 of each output as written, by store path: a file truncated or edited
     *     since does not count as done
     */
    public record Manifest(
            String id,
            String key,
            Map<String, String> inputs,
            List<String> outputs,
            double seconds,
            int attempts,
            Map<String, String> hashes) {}

    /** The last failure of a task, kept until the task succeeds. */
    public record Failure(String id, String key, String message, int attempts) {}

    /** A trained endpoint: its checkpoint and training history. */
    public record TrainedEndpoint(
            String name,
            long seed,
            String model,
            String checkpoint,
            List<EpochStats> history,
            double seconds) {}

    /**
     * An aligned second endpoint: the checkpoint evaluation reads for it, and what the alignment
     * did (sweeps, objective, L2 distance to A before and after).
     */
    public record Aligned(
            String a,
            String b,
            String alignment,
            String checkpoint,
            int sweeps,
            double objective,
            double distanceBefore,
            double distanceAfter,
            double seconds) {}

    /** One evaluated path as results.json shows it, with what only the task knows. */
    public record CurveRecord(Results.CurveResult curve, int evalExamples, double seconds) {}
}
