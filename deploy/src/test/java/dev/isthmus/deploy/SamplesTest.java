package dev.isthmus.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.isthmus.api.spec.ConnectivitySweep;
import dev.isthmus.api.validation.SweepLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The sample sweeps are valid, as the operator and `isthmus run` validate them. */
class SamplesTest {

    static Stream<Path> samples() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(Chart.ROOT.resolve("manifests/samples"))) {
            files = list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        return files.stream();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void sampleIsValid(Path sample) {
        ConnectivitySweep sweep = SweepLoader.load(sample); // throws with every problem found
        assertNotNull(sweep.spec());
    }

    @Test
    void nightlySampleIsScheduledAndGated() {
        ConnectivitySweep sweep =
                SweepLoader.load(Chart.ROOT.resolve("manifests/samples/nightly-regression.yaml"));
        assertNotNull(sweep.spec().schedule());
        assertNotNull(sweep.spec().regression());
        assertEquals("nightly-regression", sweep.name());
    }
}
