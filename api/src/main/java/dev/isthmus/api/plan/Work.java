package dev.isthmus.api.plan;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** What one task does; each stage has its own kind of work. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Work.Train.class, name = "train"),
    @JsonSubTypes.Type(value = Work.Align.class, name = "align"),
    @JsonSubTypes.Type(value = Work.FitCurve.class, name = "fit-curve"),
    @JsonSubTypes.Type(value = Work.Evaluate.class, name = "evaluate"),
    @JsonSubTypes.Type(value = Work.Merge.class, name = "merge"),
    @JsonSubTypes.Type(value = Work.Aggregate.class, name = "aggregate")
})
public sealed interface Work {

    /** Train endpoint {@code endpoint} from {@code seed}. */
    record Train(String endpoint, long seed) implements Work {}

    /** Align endpoint {@code b} to endpoint {@code a} with {@code alignment}. */
    record Align(String a, String b, String alignment) implements Work {}

    /**
     * Train the control point of a Bézier path from {@code a} to aligned {@code b}; {@code path}
     * indexes the spec's {@code paths}, whose options (epochs, learning rate) apply.
     */
    record FitCurve(String a, String b, String alignment, int path, String alignTask)
            implements Work {}

    /**
     * Walk the spec's path number {@code pathIndex}, labelled {@code path} in results, from {@code
     * a} to {@code b} aligned by {@code alignment}; {@code curveTask} fitted the path's control
     * point (null for a linear path).
     */
    record Evaluate(
            String a,
            String b,
            String alignment,
            String path,
            int pathIndex,
            String alignTask,
            String curveTask)
            implements Work {}

    /**
     * Merge every endpoint into one network as the spec's merge number {@code mergeIndex} says,
     * aligned by {@code alignment}.
     */
    record Merge(int mergeIndex, String alignment) implements Work {}

    /** Collect every curve into results.json and curves.csv. */
    record Aggregate() implements Work {}
}
