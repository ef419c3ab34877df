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
     * The record of a merge.
     *
     * @param names per member, its endpoint name (null entries, or null, from the command line)
     * @param files per member, where it was read, as the record should name it
     * @param hashes per member, the SHA-256 of that file
     */
    public static Provenance of(
            Merger.Request request,
            Merger.Result r,
            List<String> names,
            List<String> files,
            List<String> hashes,
            File output) {
        List<Source> sources = new java.util.ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            sources.add(
                    new Source(
                            names == null ? null : names.get(i),
                            files.get(i),
                            hashes.get(i),
                            request.weights()[i],
                            r.alignment().sweeps() == null ? null : r.alignment().sweeps().get(i),
                            r.evaluation().members().get(i),
                            r.alignment().perms().get(i)));
        }
        Cycles cycles = null;
        if (r.cycles() != null) {
            cycles =
                    new Cycles(
                            CycleConsistency.mean(r.cycles().pairwise()),
                            CycleConsistency.mean(r.cycles().frame()),
                            r.cycles().pairwise(),
                            r.cycles().frame());
        }
        return new Provenance(
                request.model().describe(),
                request.alignment().wire(),
                request.seed(),
                request.maxIterations(),
                request.maxSweeps(),
                r.alignment().iterations(),
                r.alignment().converged(),
                request.repair().wire(),
                List.copyOf(sources),
                output,
                new Scores(
                        r.evaluation().examples(), r.evaluation().naive(), r.evaluation().merged()),
                cycles);
    }

    /**
     * One member.
     *
     * @param name its endpoint name in a sweep (null from the command line)
     * @param weight its normalised weight
     * @param sweeps weight-matching sweeps that aligned it to the first member (weight-matching)
     * @param evaluation its loss and accuracy as it is
     * @param permutations per group, its unit placed in the merged network's slot i
     */
    public record Source(
            String name,
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
