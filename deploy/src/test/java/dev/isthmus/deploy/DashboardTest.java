package dev.isthmus.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The Grafana dashboard: importable anywhere (datasource variable) and shipped to the sidecar. */
class DashboardTest {

    @Test
    void everyPanelUsesTheDatasourceVariable() throws IOException {
        JsonNode dashboard = MetricNamesTest.dashboard();
        assertEquals(39, dashboard.path("schemaVersion").asInt());
        JsonNode first = dashboard.path("templating").path("list").get(0);
        assertEquals("datasource", first.path("type").asText());
        assertEquals("prometheus", first.path("query").asText());
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            assertTrue(ids.add(panel.path("id").asInt()), "duplicate panel id " + panel.path("id"));
            if (!panel.path("type").asText().equals("row")) {
                assertEquals(
                        "${datasource}",
                        panel.path("datasource").path("uid").asText(),
                        panel.path("title").asText());
                for (JsonNode target : panel.path("targets")) {
                    assertEquals("${datasource}", target.path("datasource").path("uid").asText());
                }
            }
        }
    }

    @Test
    void panelsCoverTheIssue() throws IOException {
        List<String> titles = new ArrayList<>();
        MetricNamesTest.dashboard()
                .path("panels")
                .forEach(p -> titles.add(p.path("title").asText()));
        assertTrue(
                titles.containsAll(
                        List.of(
                                "Sweeps by phase",
                                "Progress",
                                "Task pods by state",
                                "Run outcomes and retries",
                                "GPU time",
                                "Loss barrier per alignment × path",
                                "Regressions",
                                "Reconcile rate",
                                "Reconcile errors")),
                titles::toString);
    }

    @Test
    void configMapCarriesTheFileForTheGrafanaSidecar() throws IOException {
        ConfigMap map =
                Chart.ofKind(Chart.objects(Chart.template()), "ConfigMap", ConfigMap.class)
                        .values()
                        .iterator()
                        .next();
        assertEquals("1", map.getMetadata().getLabels().get("grafana_dashboard"));
        assertEquals(
                Files.readString(Chart.DIR.resolve("files/isthmus-dashboard.json")).strip(),
                map.getData().get("isthmus.json").strip());
    }
}
