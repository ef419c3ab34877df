package dev.isthmus.cli.sweeps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isthmus.api.result.IntervalSpread;
import dev.isthmus.api.result.SummaryRow;
import dev.isthmus.cli.IsthmusCommand;
import dev.isthmus.workers.basins.BasinMap;
import dev.isthmus.workers.metrics.BarrierIntervals;
import dev.isthmus.workers.metrics.Barriers;
import dev.isthmus.workers.report.Results;
import dev.isthmus.workers.store.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real sweep of three Fashion-MNIST MLPs with bootstrap intervals and the basin map: the matrices
 * are the pair curves' barriers, symmetric with a zero diagonal; every interval holds its barrier;
 * a parallel run gives the same bytes; the report draws the map.
 */
@Tag("slow")
class BasinMapSweepTest {
    private static final String BODY =
            "  model: {architecture: mlp, hidden: [64]}\n"
                    + "  dataset: {name: fashion-mnist, trainExamples: 3000, evalExamples: 500}\n"
                    + "  endpoints:\n"
                    + "    train: {seeds: [0, 1, 2], epochs: 2}\n"
                    + "  alignments: [none, weight-matching]\n"
                    + "  alphas: 7\n"
                    + "  metrics: [loss, accuracy, {type: confidence, resamples: 300},"
                    + " {type: basins, linkage: average, threshold: 0.05}]\n"
                    + "  execution: {parallelism: 1, retries: 0, threads: 1}\n";

    @Test
    void basinMapAndIntervalsOfThreeSeeds(@TempDir Path dir) throws Exception {
        Path serial = Sweeps.write(Files.createDirectory(dir.resolve("s")), "basins", BODY);
        Path parallel =
                Sweeps.write(
                        Files.createDirectory(dir.resolve("p")),
                        "basins",
                        BODY.replace("parallelism: 1", "parallelism: 2"));
        assertEquals(
                0,
                IsthmusCommand.execute(
                        "run", serial.toString(), "--store", dir.resolve("s").toString()));
        Path run = dir.resolve("s/basins");
        Results r = Json.read(Files.readAllBytes(run.resolve("results.json")), Results.class, "r");
        assertEquals(List.of(), r.failures());
        assertEquals(6, r.curves().size());

        for (Results.CurveResult c : r.curves()) {
            contains(c.lossBarrier(), c.lossBarrierInterval(), c + " loss");
            contains(c.accuracyBarrier(), c.accuracyBarrierInterval(), c + " accuracy");
            assertEquals(300, c.lossBarrierInterval().resamples());
            assertEquals(0.95, c.lossBarrierInterval().level());
        }
        for (SummaryRow row : r.summary()) {
            IntervalSpread lin = row.lossBarrierInterval().get("lin");
            assertTrue(lin.upper().max() >= row.lossBarrier().get("lin").max(), row.toString());
        }

        assertEquals(2, r.basins().size());
        List<String> names = List.of("seed-0", "seed-1", "seed-2");
        for (BasinMap m : r.basins()) {
            assertEquals(names, m.endpoints());
            for (int i = 0; i < 3; i++) {
                assertEquals(0.0, m.lossBarrier()[i][i]);
                assertEquals(0.0, m.accuracyBarrier()[i][i]);
                for (int j = 0; j < 3; j++) {
                    assertNotNull(m.lossBarrier()[i][j]);
                    assertEquals(m.lossBarrier()[i][j], m.lossBarrier()[j][i]);
                    assertEquals(m.accuracyBarrier()[i][j], m.accuracyBarrier()[j][i]);
                }
            }
            for (Results.CurveResult c : r.curves()) {
                if (!c.alignment().equals(m.alignment())) continue;
                int i = names.indexOf(c.a());
                int j = names.indexOf(c.b());
                assertEquals(c.lossBarrier().lin(), m.lossBarrier()[i][j]);
            }
            int members = m.basins().stream().mapToInt(b -> b.members().size()).sum();
            assertEquals(3, members);
            System.out.printf(
                    "%s: %d basin(s) %s, loss barriers %s%n",
                    m.alignment(),
                    m.basins().size(),
                    m.basins(),
                    java.util.Arrays.deepToString(m.lossBarrier()));
        }

        String html = Files.readString(run.resolve("report.html"));
        assertTrue(html.contains("<h2>Basin map</h2>") && html.contains("<svg"), "report");
        assertTrue(html.contains("bootstrap intervals"), "report intervals");

        assertEquals(
                0,
                IsthmusCommand.execute(
                        "run", parallel.toString(), "--store", dir.resolve("p").toString()));
        assertEquals(
                science(run.resolve("results.json")),
                science(dir.resolve("p/basins/results.json")));
    }

    private static void contains(Barriers b, BarrierIntervals i, String what) {
        assertNotNull(i, what);
        assertTrue(i.lin().contains(b.lin()), what + " lin " + b + " " + i);
        assertTrue(i.mean().contains(b.mean()), what + " mean " + b + " " + i);
        assertTrue(i.max().contains(b.max()), what + " max " + b + " " + i);
    }

    /** results.json without what legitimately differs: wall times and the spec's own hash. */
    private static String science(Path results) throws Exception {
        ObjectNode node = (ObjectNode) Json.MAPPER.readTree(results.toFile());
        node.remove("timings");
        node.remove("specHash");
        return node.toString();
    }
}
