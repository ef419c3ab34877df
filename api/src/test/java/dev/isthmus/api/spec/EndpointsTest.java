package dev.isthmus.api.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Endpoint names: trained ones as seed-n in seed order, then checkpoints in list order. */
class EndpointsTest {

    @Test
    void seedsFirstThenCheckpoints() {
        EndpointsSpec endpoints =
                new EndpointsSpec(
                        new TrainSpec(List.of(2L, 0L), null, null, null, null, null, null),
                        List.of(
                                new CheckpointRef("b", "b.safetensors"),
                                new CheckpointRef("a", "a.safetensors")));

        assertEquals(
                List.of("seed-2", "seed-0", "b", "a"), Endpoints.endpointNames(spec(endpoints)));
    }

    @Test
    void noEndpointsNoNames() {
        assertEquals(List.of(), Endpoints.endpointNames(spec(null)));
        assertEquals(
                List.of("c"),
                Endpoints.endpointNames(
                        spec(
                                new EndpointsSpec(
                                        null, List.of(new CheckpointRef("c", "c.safetensors"))))));
    }

    private static SweepSpec spec(EndpointsSpec endpoints) {
        return new SweepSpec(null, null, endpoints, null, null, null, null, null, null, null, null);
    }
}
