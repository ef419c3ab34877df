package dev.isthmus.api.validation;

import dev.isthmus.api.spec.ConnectivitySweep;
import dev.isthmus.api.spec.Metadata;

/** Checks {@code apiVersion}, {@code kind} and {@code metadata}. */
final class DocumentRules {

    private DocumentRules() {}

    static void check(ConnectivitySweep sweep, ProblemCollector problems) {
        exactly("apiVersion", sweep.apiVersion(), ConnectivitySweep.API_VERSION, problems);
        exactly("kind", sweep.kind(), ConnectivitySweep.KIND, problems);
        Metadata metadata = sweep.metadata();
        if (problems.required("metadata", metadata)) {
            if (problems.required("metadata.name", metadata.name())) {
                problems.dnsLabel("metadata.name", metadata.name());
            }
            problems.dnsLabel("metadata.namespace", metadata.namespace());
        }
    }

    private static void exactly(
            String path, String value, String expected, ProblemCollector problems) {
        if (problems.required(path, value) && !value.equals(expected)) {
            problems.add(path, "must be " + expected + ", got " + value);
        }
    }
}
