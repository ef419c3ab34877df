package dev.isthmus.workers.merge;

import dev.isthmus.workers.align.CycleConsistency;
import dev.isthmus.workers.metrics.LossAccuracy;
import java.util.List;
import java.util.SortedMap;

/**
 * The record written beside a merged checkpoint: where every member came from (file and SHA-256),
 * how they were aligned and weighted, and what the merge measured. Written with {@code store.Json}:
 * the same merge gives the same bytes.
 *
 * @param model the architecture, as {@code Model.describe} writes it
 * @param alignment none, weight-matching or merge-many
 * @param iterations merge-many's passes; 1 for weight-matching, 0 for none
 * @param converged whether the alignment stopped on its own before its limits
 * @param repair the statistics correction of the merged and the naive average
 * @param sources the members, in merge order (the first is the frame)
 * @param output the merged checkpoint
 * @param evaluation the averages' loss and accuracy (each member's is in its source)
 * @param cycles present when asked for
 */
public record Provenance(
        String model,
        String alignment,
        long seed,
        int maxIterations,
        int maxSweeps,
        int iterations,
        boolean converged,
        String repair,
        List<Source> sources,
        File output,
        Scores evaluation,
        Cycles cycles) {

    /**
     * One member.
     *
     * @param weight its normalised weight
     * @param sweeps weight-matching sweeps that aligned it to the first member (weight-matching)
     * @param evaluation its loss and accuracy as it is
     * @param permutations per group, its unit placed in the merged network's slot i
     */
    public record Source(
            String file,
            String sha256,
            double weight,
            Integer sweeps,
            LossAccuracy evaluation,
            SortedMap<String, int[]> permutations) {}

    /** A file and the SHA-256 of its bytes. */
    public record File(String file, String sha256) {}

    /** Loss and accuracy of the naive (unaligned) and the merged average. */
    public record Scores(int examples, LossAccuracy naive, LossAccuracy merged) {}

    /**
     * Cycle consistency over every triple of members.
     *
     * @param pairwiseMean mean over triples of independent pairwise weight matching's error
     * @param frameMean the same for the maps the merge's frame induces
     */
    public record Cycles(
            double pairwiseMean,
            double frameMean,
            List<CycleConsistency.Triple> pairwise,
            List<CycleConsistency.Triple> frame) {}
}
