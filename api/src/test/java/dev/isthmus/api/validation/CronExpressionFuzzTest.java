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
        String text = new String(data, StandardCharsets.UTF_8);
        String problem = CronExpression.problem(text);
        if (problem != null) {
            assertFalse(problem.isBlank());
            // the expression is echoed; "Exception" from anywhere else is an internal leaking
            assertFalse(problem.contains("Exception") && !text.contains("Exception"), problem);
        }
    }
}
