package dev.isthmus.workers.report;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.isthmus.api.result.RegressionGate;
import dev.isthmus.api.spec.RegressionSpec;
import dev.isthmus.api.validation.BadInputException;
import org.junit.jupiter.api.Tag;

/**
 * Jazzer fuzz target for the results reader {@code isthmus compare} uses: any bytes are read or
 * refused as bad input, and what reads goes through the regression gate as compare runs it. Seeds
 * and findings: {@code ResultsReaderFuzzTestInputs}.
 */
@Tag("fuzz")
class ResultsReaderFuzzTest {

    @FuzzTest(maxDuration = "120s")
    void read(byte[] data) {
        Results r;
        try {
            r = Results.read(data, "results.json");
        } catch (BadInputException refused) {
            return;
        }
        var barriers = RegressionGate.barriers(r.summary());
        RegressionGate.check(
                new RegressionSpec(0.05, 0.02), barriers, RegressionGate.byKey(barriers));
    }
}
