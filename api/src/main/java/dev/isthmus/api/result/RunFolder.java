package dev.isthmus.api.result;

/**
 * The one description of a sweep's folder in a run store: {@code <store>/<sweep>/}, holding what
 * pods and {@code isthmus run} write and what {@code isthmus compare}, {@code isthmus report} and
 * the operator read. The per-task files beneath it are the workers' business ({@code Layout}).
 */
public final class RunFolder {
    /** Every curve and endpoint of the run (schema {@code isthmus.dev/results/v1}). */
    public static final String RESULTS = "results.json";

    /** One row per curve point, for plotting elsewhere. */
    public static final String CURVES_CSV = "curves.csv";

    /** The offline HTML report. */
    public static final String REPORT = "report.html";

    /** The sweep as run, every default filled in: what {@code isthmus compare} gates with. */
    public static final String SPEC = "spec.yaml";

    private RunFolder() {}

    /**
     * {@code <store>/<sweep>}: a store given as a folder, a {@code file://} or an {@code s3://}
     * URI.
     */
    public static String of(String store, String sweep) {
        String base = store.endsWith("/") ? store.substring(0, store.length() - 1) : store;
        return base + "/" + sweep;
    }

    /** Where the run's {@value #RESULTS} is. */
    public static String results(String store, String sweep) {
        return of(store, sweep) + "/" + RESULTS;
    }
}
