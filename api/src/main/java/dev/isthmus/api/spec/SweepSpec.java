package dev.isthmus.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** The body of a sweep: endpoints, pairs, alignments, paths and how to run them. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SweepSpec(
        @JsonPropertyDescription("Network architecture shared by all endpoints.") ModelSpec model,
        @JsonPropertyDescription("Data to train on and to evaluate paths on.") DatasetSpec dataset,
        @JsonPropertyDescription("Seeds to train, or checkpoint files.") EndpointsSpec endpoints,
        @JsonPropertyDescription(
                        "Which endpoint pairs to connect: all (every unordered pair), consecutive (each"
                                + " endpoint with the next), or a list of [a, b] endpoint names.")
                PairsSpec pairs,
        @JsonPropertyDescription("Alignment methods applied to the second endpoint of each pair.")
                List<AlignmentSpec> alignments,
        @JsonPropertyDescription("Paths walked between aligned endpoints.") List<PathSpec> paths,
        @JsonPropertyDescription("Number of interpolation points, endpoints included (>= 2).")
                Integer alphas,
        @JsonPropertyDescription("Metrics measured along each path.") List<MetricSpec> metrics,
        @JsonPropertyDescription("Seeds for data generation and evaluation sampling.")
                SeedsSpec seeds,
        @JsonPropertyDescription("Parallelism, retries, device and run store.")
                ExecutionSpec execution,
        @JsonPropertyDescription("Gate for nightly runs: barrier ceilings and allowed growth.")
                RegressionSpec regression,
        @JsonPropertyDescription(
                        "Cluster: re-run on a cron schedule (nightly regression runs), e.g."
                                + " \"0 2 * * *\".")
                ScheduleSpec schedule,
        @JsonPropertyDescription(
                        "Merges of every endpoint into one network, each evaluated beside its"
                                + " members and the naive average (default: none).")
                List<MergeSpec> merges) {

    /** A sweep without merges. */
    public SweepSpec(
            ModelSpec model,
            DatasetSpec dataset,
            EndpointsSpec endpoints,
            PairsSpec pairs,
            List<AlignmentSpec> alignments,
            List<PathSpec> paths,
            Integer alphas,
            List<MetricSpec> metrics,
            SeedsSpec seeds,
            ExecutionSpec execution,
            RegressionSpec regression,
            ScheduleSpec schedule) {
        this(
                model,
                dataset,
                endpoints,
                pairs,
                alignments,
                paths,
                alphas,
                metrics,
                seeds,
                execution,
                regression,
                schedule,
                null);
    }

    /** A sweep that runs once (no schedule). */
    public SweepSpec(
            ModelSpec model,
            DatasetSpec dataset,
            EndpointsSpec endpoints,
            PairsSpec pairs,
            List<AlignmentSpec> alignments,
            List<PathSpec> paths,
            Integer alphas,
            List<MetricSpec> metrics,
            SeedsSpec seeds,
            ExecutionSpec execution,
            RegressionSpec regression) {
        this(
                model,
                dataset,
                endpoints,
                pairs,
                alignments,
                paths,
                alphas,
                metrics,
                seeds,
                execution,
                regression,
                null);
    }
}
