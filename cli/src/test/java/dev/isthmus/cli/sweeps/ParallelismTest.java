package dev.isthmus.cli.sweeps;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isthmus.cli.IsthmusCommand;
import dev.isthmus.workers.store.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tasks running concurrently in one process give the same bytes as tasks run one by one. */
@Tag("slow")
class ParallelismTest {

    @Test
    void parallelRunMatchesSerialRunByteForByte(@TempDir Path dir) throws Exception {
        String body = Sweeps.small(48, 2);
        Path serial = Sweeps.write(Files.createDirectory(dir.resolve("s")), "same", body);
        Path parallel =
                Sweeps.write(
                        Files.createDirectory(dir.resolve("p")),
                        "same",
                        body.replace("parallelism: 1", "parallelism: 3"));
        assertEquals(
                0,
                IsthmusCommand.execute(
                        "run", serial.toString(), "--store", dir.resolve("s").toString()));
        assertEquals(
                0,
                IsthmusCommand.execute(
                        "run", parallel.toString(), "--store", dir.resolve("p").toString()));

        Path a = dir.resolve("s/same");
        Path b = dir.resolve("p/same");
        assertArrayEquals(
                Files.readAllBytes(a.resolve("curves.csv")),
                Files.readAllBytes(b.resolve("curves.csv")));
        assertEquals(science(a.resolve("results.json")), science(b.resolve("results.json")));
        List<Path> checkpoints;
        try (Stream<Path> s = Files.list(a.resolve("checkpoints"))) {
            checkpoints = s.sorted().toList();
        }
        assertEquals(3, checkpoints.size());
        for (Path c : checkpoints) {
            assertArrayEquals(
                    Files.readAllBytes(c),
                    Files.readAllBytes(b.resolve("checkpoints").resolve(c.getFileName())));
        }
    }

    /** results.json without what legitimately differs: wall times and the spec's own hash. */
    private static String science(Path results) throws Exception {
        ObjectNode node = (ObjectNode) Json.MAPPER.readTree(results.toFile());
        node.remove("timings");
        node.remove("specHash");
        return node.toString();
    }
}
