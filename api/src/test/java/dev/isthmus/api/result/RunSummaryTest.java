package dev.isthmus.api.result;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The run summary a pod publishes and the operator reads back. */
class RunSummaryTest {

    @Test
    void listsTheFirstFailedTasksAndCountsAll() {
        List<String> failed =
                java.util.stream.IntStream.range(0, 25).mapToObj(i -> "t" + i).toList();
        RunSummary s = RunSummary.of("s", "h", 4, failed, List.of());
        assertEquals(25, s.failed());
        assertEquals(RunSummary.LISTED, s.failedTasks().size());
        assertEquals(RunSummary.SCHEMA, s.schema());
    }

    @Test
    void readsWhatItWrites() throws Exception {
        SummaryRow row =
                new SummaryRow(
                        "weight-matching",
                        "linear",
                        2,
                        Map.of("lin", new Spread(0.1, 0.2)),
                        Map.of("lin", new Spread(0.01, 0.02)));
        RunSummary s = RunSummary.of("s", "h", 2, List.of(), List.of(row));
        assertEquals(s, RunSummary.read(new ObjectMapper().writeValueAsString(s)).orElseThrow());
    }

    @Test
    void readsPartialDocumentsAndIgnoresUnknownFields() {
        RunSummary s =
                RunSummary.read(
                                "{\"schema\":\"isthmus.dev/summary/v1\",\"later\":1,\"summary\":"
                                        + "[{\"alignment\":\"none\",\"path\":\"bezier\",\"pairs\":1,"
                                        + "\"lossBarrier\":{\"lin\":{\"mean\":0.1,\"max\":0.2}}}]}")
                        .orElseThrow();
        assertEquals(0.2, s.summary().get(0).lossBarrier().get("lin").max());
    }

    @Test
    void anythingElseIsNoSummary() {
        assertTrue(RunSummary.read(null).isEmpty());
        assertTrue(RunSummary.read(" ").isEmpty());
        assertTrue(RunSummary.read("not json").isEmpty());
        assertTrue(RunSummary.read("{\"schema\":\"other/v9\",\"summary\":[]}").isEmpty());
    }
}
