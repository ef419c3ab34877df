package dev.isthmus.operator;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.stream.Collectors;

/** Scrapes {@code /q/metrics} and checks series by their text. */
public final class Scrape {

    private Scrape() {}

    public static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    public static void assertSeries(String metrics, String prefix) {
        if (metrics.lines().noneMatch(l -> l.startsWith(prefix))) {
            fail("no series " + prefix + " in:\n" + ours(metrics));
        }
    }

    /**
     * Every series in {@code manifests/metrics.txt} (what the chart's dashboard and alerts query)
     * is on the scrape; JOSDK creates its failed-reconcile counter only at the first failure.
     */
    public static void assertListedSeriesExported(String metrics) {
        java.util.Set<String> scraped =
                metrics.lines()
                        .filter(l -> !l.isBlank() && !l.startsWith("#"))
                        .map(l -> l.split("[{ ]", 2)[0])
                        .collect(Collectors.toSet());
        java.util.List<String> listed;
        try {
            listed =
                    java.nio.file.Files.readAllLines(
                            java.nio.file.Path.of("../manifests/metrics.txt"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        java.util.Set<String> missing =
                listed.stream()
                        .map(String::strip)
                        .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                        .filter(n -> !scraped.contains(n))
                        .collect(Collectors.toCollection(java.util.TreeSet::new));
        org.junit.jupiter.api.Assertions.assertEquals(
                java.util.Set.of(), missing, "in manifests/metrics.txt but not on /q/metrics");
    }

    /** Prints the operator's own series (histogram buckets left out). */
    public static void print(String metrics) {
        System.out.println("scrape of /q/metrics:\n" + ours(metrics));
    }

    private static String ours(String metrics) {
        return metrics.lines()
                .filter(l -> l.startsWith("isthmus_") || l.startsWith("operator_sdk_"))
                .filter(l -> !l.contains("_bucket{"))
                .collect(Collectors.joining("\n"));
    }
}
