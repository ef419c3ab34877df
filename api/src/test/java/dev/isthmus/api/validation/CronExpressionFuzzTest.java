package dev.isthmus.api.validation;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Tag;

/**
 * Jazzer fuzz target for the cron parser: any text yields a problem sentence or none, never an
 * exception. Seeds and findings: {@code CronExpressionFuzzTestInputs}.
 */
@Tag("fuzz")
class CronExpressionFuzzTest {

    @FuzzTest(maxDuration = "120s")
    void problem(byte[] data) {
        String problem = CronExpression.problem(new String(data, StandardCharsets.UTF_8));
        if (problem != null) {
            assertFalse(problem.isBlank());
            assertFalse(problem.contains("Exception"), problem);
        }
    }
}
