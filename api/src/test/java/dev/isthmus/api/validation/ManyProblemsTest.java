package dev.isthmus.api.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** One document with several mistakes reports all of them at once, structure first. */
class ManyProblemsTest {

    private static final String BAD =
            """
            apiVersion: isthmus.dev/v1alpha1
            kind: ConnectivitySweep
            metadata: {name: bad}
            spec:
              model: {architecture: mlp, hidden: [16], widths: [8]}
              dataset: {name: fashion-mnist}
              endpoints:
                train: {seeds: [0, 1], epochs: many}
              pairs: [[seed-0, seed-9]]
              alignments: [none, orthogonal]
              alphas: 1
            """;

    @Test
    void reportsEveryProblemWithTheSourceName() {
        SpecException e =
                assertThrows(SpecException.class, () -> SweepLoader.parse(BAD, "bad.yaml"));

        assertEquals(
                """
                bad.yaml: 5 problems
                spec.model.widths: unknown field (expected one of: architecture, hidden, normalization, depth, width, layers, heads, dModel, dMlp, file)
                spec.endpoints.train.epochs: expected an integer, got "many"
                spec.pairs[0][1]: unknown endpoint seed-9 (known: seed-0, seed-1)
                spec.alignments[1]: orthogonal rotates a transformer's residual stream, and mlp has no orthogonal symmetry (use weight-matching)
                spec.alphas: must be >= 2, got 1""",
                e.getMessage());
        assertEquals(5, e.problems().size());
        assertEquals("bad.yaml", e.sourceName());
    }

    @Test
    void withoutSourceNameTheMessageIsJustTheProblems() {
        SpecException e = new SpecException(java.util.List.of(new Problem("spec.alphas", "x")));

        assertEquals("spec.alphas: x", e.getMessage());
    }
}
