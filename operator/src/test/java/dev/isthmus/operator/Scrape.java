package dev.isthmus.operator;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.stream.Collectors;

/** Scrapes {@code /q/metrics} and checks series by their text. */
final class Scrape {

    private Scrape() {}

    static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    static void assertSeries(String metrics, String prefix) {
        if (metrics.lines().noneMatch(l -> l.startsWith(prefix))) {
            fail("no series " + prefix + " in:\n" + ours(metrics));
        }
    }

    /** Prints the operator's own series (histogram buckets left out). */
    static void print(String metrics) {
        System.out.println("scrape of /q/metrics:\n" + ours(metrics));
    }

    private static String ours(String metrics) {
        return metrics.lines()
                .filter(l -> l.startsWith("isthmus_") || l.startsWith("operator_sdk_"))
                .filter(l -> !l.contains("_bucket{"))
                .collect(Collectors.joining("\n"));
    }
}
