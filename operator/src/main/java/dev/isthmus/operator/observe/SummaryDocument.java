package dev.isthmus.operator.observe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.isthmus.operator.resource.SummaryRow;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the aggregate task's summary ({@code isthmus.dev/summary/v1}, written by the workers'
 * {@code RunSummary}): the chord ({@code lin}) loss barrier of every alignment × path row.
 */
final class SummaryDocument {

    static final String SCHEMA = "isthmus.dev/summary/v1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private SummaryDocument() {}

    /** The rows of a summary, or none when it is missing, unreadable or of another schema. */
    static List<SummaryRow> rows(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (java.io.IOException e) {
            return List.of();
        }
        if (!SCHEMA.equals(root.path("schema").asText())) {
            return List.of();
        }
        List<SummaryRow> rows = new ArrayList<>();
        for (JsonNode row : root.path("summary")) {
            JsonNode lin = row.path("lossBarrier").path("lin");
            if (!lin.has("max")) {
                continue;
            }
            rows.add(
                    new SummaryRow(
                            row.path("alignment").asText(),
                            row.path("path").asText(),
                            row.path("pairs").asInt(),
                            lin.path("max").asDouble(),
                            lin.path("mean").asDouble()));
        }
        return List.copyOf(rows);
    }
}
