package dev.isthmus.workers.report;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.isthmus.api.result.SummaryRow;
import dev.isthmus.api.validation.BadInputException;
import dev.isthmus.workers.basins.BasinMap;
import dev.isthmus.workers.metrics.BarrierIntervals;
import dev.isthmus.workers.metrics.Barriers;
import dev.isthmus.workers.metrics.Decomposition;
import dev.isthmus.workers.metrics.LossAccuracy;
import dev.isthmus.workers.metrics.PathEnsemble;
import dev.isthmus.workers.metrics.Similarity;
import dev.isthmus.workers.store.Json;
import dev.isthmus.workers.train.EpochStats;
import java.util.List;
import java.util.Map;

/**
 * The content of {@code results.json}, schema {@value #SCHEMA}. Everything but {@code timings} is a
 * pure function of the spec and seeds.
 *
 * @param schema schema identifier, bumped on incompatible changes
 * @param sweep sweep name
 * @param specHash hex SHA-256 of the canonical spec with defaults applied
 * @param model model description, e.g. {@code mlp 784-256-256-10}
 * @param dataset dataset description
 * @param evalExamples examples each path point is evaluated on
 * @param endpoints every endpoint with its own metrics
 * @param alignments what each alignment of a pair did
 * @param curves every evaluated path
 * @param summary barriers per (alignment, path) over all pairs
 * @param basins the basin map per (alignment, path), when the basins metric is asked for (else
 *     null)
 * @param merges every finished merge of all endpoints, when the spec has merges (else null)
 * @param failures tasks that did not finish, with their messages
 * @param timings seconds per task id
 */
public record Results(
        String schema,
        String sweep,
        String specHash,
        String model,
        String dataset,
        int evalExamples,
        List<EndpointResult> endpoints,
        List<AlignmentResult> alignments,
        List<CurveResult> curves,
        List<SummaryRow> summary,
        List<BasinMap> basins,
        List<MergeResult> merges,
        List<TaskFailure> failures,
        Map<String, Double> timings) {

    public static final String SCHEMA = "isthmus.dev/results/v1";

    @JsonCreator
    public Results {}

    /** Results without a basin map. */
    public Results(
            String schema,
            String sweep,
            String specHash,
            String model,
            String dataset,
            int evalExamples,
            List<EndpointResult> endpoints,
            List<AlignmentResult> alignments,
            List<CurveResult> curves,
            List<SummaryRow> summary,
            List<TaskFailure> failures,
            Map<String, Double> timings) {
        this(
                schema,
                sweep,
                specHash,
                model,
                dataset,
                evalExamples,
                endpoints,
                alignments,
                curves,
                summary,
                null,
                null,
                failures,
                timings);
    }

    /**
     * Reads a {@code results.json} a user points at ({@code compare}, {@code report}): it must
     * parse and be of schema {@value #SCHEMA} with its summary, curves and endpoints.
     *
     * @throws BadInputException naming the file and what is missing
     */
    public static Results read(byte[] json, String source) {
        Results r = Json.read(json, Results.class, source);
        if (!SCHEMA.equals(r.schema())) {
            throw new BadInputException(
                    source
                            + ": expected a results file of schema "
                            + SCHEMA
                            + ", got "
                            + (r.schema() == null ? "no schema" : "schema " + r.schema()));
        }
        for (var part :
                new Object[][] {
                    {"summary", r.summary()}, {"curves", r.curves()}, {"endpoints", r.endpoints()}
                }) {
            if (part[1] == null) {
                throw new BadInputException(source + ": has no " + part[0] + " list");
            }
            if (((List<?>) part[1]).contains(null)) {
                throw new BadInputException(
                        source + ": its " + part[0] + " list has an empty entry");
            }
        }
        for (int i = 0; i < r.summary().size(); i++) {
            SummaryRow row = r.summary().get(i);
            if (row.alignment() == null || row.path() == null) {
                throw new BadInputException(
                        source + ": summary[" + i + "] names no alignment or no path");
            }
        }
        return r;
    }

    /** One endpoint: where its weights are and how good it is on the evaluation set. */
    public record EndpointResult(
            String name,
            Long seed,
            String checkpoint,
            Double evalLoss,
            Double evalAccuracy,
            List<EpochStats> history) {}

    /**
     * One alignment of one pair; its wall time is {@code timings[task]}.
     *
     * @param sweeps coordinate-descent sweeps (weight matching), 1 (activation matching), 0 (none),
     *     rounds (orthogonal)
     * @param objective the method's objective at its result
     * @param distanceBefore ‖θ_A − θ_B‖₂ over all parameters
     * @param distanceAfter ‖θ_A − π(θ_B)‖₂
     */
    public record AlignmentResult(
            String task,
            String a,
            String b,
            String method,
            int sweeps,
            double objective,
            double distanceBefore,
            double distanceAfter) {}

    /**
     * One path's curve and barriers, and its decomposition, similarity, the barriers' bootstrap
     * intervals and the ensemble along it when metrics ask for them (else null).
     */
    public record CurveResult(
            String a,
            String b,
            String alignment,
            String path,
            double[] alphas,
            double[] loss,
            double[] accuracy,
            Barriers lossBarrier,
            Barriers accuracyBarrier,
            BarrierIntervals lossBarrierInterval,
            BarrierIntervals accuracyBarrierInterval,
            Decomposition decomposition,
            Similarity similarity,
            PathEnsemble.Result ensemble) {

        @JsonCreator
        public CurveResult {}

        /** A curve without an ensemble. */
        public CurveResult(
                String a,
                String b,
                String alignment,
                String path,
                double[] alphas,
                double[] loss,
                double[] accuracy,
                Barriers lossBarrier,
                Barriers accuracyBarrier,
                BarrierIntervals lossBarrierInterval,
                BarrierIntervals accuracyBarrierInterval,
                Decomposition decomposition,
                Similarity similarity) {
            this(
                    a,
                    b,
                    alignment,
                    path,
                    alphas,
                    loss,
                    accuracy,
                    lossBarrier,
                    accuracyBarrier,
                    lossBarrierInterval,
                    accuracyBarrierInterval,
                    decomposition,
                    similarity,
                    null);
        }

        /** A curve without intervals. */
        public CurveResult(
                String a,
                String b,
                String alignment,
                String path,
                double[] alphas,
                double[] loss,
                double[] accuracy,
                Barriers lossBarrier,
                Barriers accuracyBarrier,
                Decomposition decomposition,
                Similarity similarity) {
            this(
                    a,
                    b,
                    alignment,
                    path,
                    alphas,
                    loss,
                    accuracy,
                    lossBarrier,
                    accuracyBarrier,
                    null,
                    null,
                    decomposition,
                    similarity,
                    null);
        }
    }

    /**
     * One merge of every endpoint; the full provenance (hashes, permutations, cycle errors per
     * triple) is in {@code record}, and its wall time is {@code timings[task]}.
     *
     * @param checkpoint the merged checkpoint, relative to the sweep folder
     * @param record its provenance record, relative to the sweep folder
     * @param iterations merge-many's passes; 1 for weight-matching, 0 for none
     * @param naive the weighted average without alignment, with the same correction
     * @param cycleError mean over triples of pairwise weight matching's cycle-consistency error,
     *     when measured
     */
    public record MergeResult(
            String task,
            String alignment,
            String checkpoint,
            String record,
            String repair,
            int iterations,
            boolean converged,
            List<MergeMember> members,
            LossAccuracy naive,
            LossAccuracy merged,
            Double cycleError) {}

    /** One endpoint of a merge: its normalised weight and its own loss and accuracy. */
    public record MergeMember(String endpoint, double weight, LossAccuracy evaluation) {}

    /** A task that did not finish. */
    public record TaskFailure(String task, String message) {}
}
