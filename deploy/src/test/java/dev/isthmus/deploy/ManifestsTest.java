package dev.isthmus.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * manifests/install.yaml and manifests/monitoring.yaml are the chart rendered with the values files
 * next to them. After changing the chart, refresh them and review the diff:
 *
 * <pre>
 * ./mvnw -pl deploy -am verify -Dtest=ManifestsTest -Dsurefire.failIfNoSpecifiedTests=false -Dmanifests.update=true
 * </pre>
 */
class ManifestsTest {

    static final boolean UPDATE = Boolean.getBoolean("manifests.update");
    static final Path MANIFESTS = Chart.ROOT.resolve("manifests");
    static final Set<String> MONITORING_KINDS =
            Set.of("ServiceMonitor", "PrometheusRule", "ConfigMap");

    @Test
    void installYamlIsTheRenderedChart() throws IOException {
        String rendered = Chart.template(MANIFESTS.resolve("values-install.yaml"));
        check("install.yaml", "values-install.yaml", rendered);
    }

    @Test
    void monitoringYamlIsTheRenderedMonitoringObjects() throws IOException {
        String rendered = Chart.template(MANIFESTS.resolve("values-monitoring.yaml"));
        List<String> kept =
                Chart.documents(rendered).stream()
                        .filter(doc -> MONITORING_KINDS.contains(kind(doc)))
                        .toList();
        assertEquals(3, kept.size(), "ServiceMonitor, PrometheusRule and dashboard ConfigMap");
        check(
                "monitoring.yaml",
                "values-monitoring.yaml",
                kept.stream().collect(Collectors.joining("---")));
    }

    private static void check(String file, String values, String rendered) throws IOException {
        String expected = header(values) + rendered.strip() + "\n";
        Path path = MANIFESTS.resolve(file);
        if (UPDATE) {
            Files.writeString(path, expected);
        }
        String actual = Files.exists(path) ? Files.readString(path) : "";
        assertEquals(
                expected,
                actual,
                "manifests/"
                        + file
                        + " is out of date with charts/isthmus; refresh with "
                        + "./mvnw -pl deploy -am verify -Dtest=ManifestsTest "
                        + "-Dsurefire.failIfNoSpecifiedTests=false -Dmanifests.update=true");
    }

    private static String header(String values) {
        return "# Generated from charts/isthmus with manifests/"
                + values
                + "\n"
                + "# (release "
                + Chart.RELEASE
                + ", namespace "
                + Chart.NAMESPACE
                + ")."
                + " Do not edit: change the chart, then refresh with\n"
                + "# ./mvnw -pl deploy -am verify -Dtest=ManifestsTest"
                + " -Dsurefire.failIfNoSpecifiedTests=false -Dmanifests.update=true\n";
    }

    private static String kind(String doc) {
        return doc.lines()
                .filter(l -> l.startsWith("kind:"))
                .map(l -> l.substring("kind:".length()).trim().replace("\"", ""))
                .findFirst()
                .orElse("");
    }
}
