package dev.isthmus.workflows.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.isthmus.workflows.argo.RetryStrategy;
import dev.isthmus.workflows.argo.Template;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Argo retries what infrastructure broke and not what bad input broke: the rendered retry
 * expression, evaluated on the outcomes a worker pod can have.
 */
class RetryStrategyTest {

    @ParameterizedTest(name = "{0} exit {1} ({3}): retry {2}")
    @CsvSource({
        "Failed, 2, false, bad input: invalid spec or corrupt checkpoint",
        "Failed, 1, true, a task failed: e.g. the store was unreachable",
        "Failed, 137, true, OOM-killed or evicted (SIGKILL)",
        "Failed, 143, true, terminated on node shutdown (SIGTERM)",
        "Error, -1, true, pod deleted: no exit code recorded",
        "Error, 2, true, the executor failed: not the task's verdict",
    })
    void retriesInfrastructureFailuresButNotBadInput(
            String status, String exitCode, boolean retried, String what) {
        Map<String, Object> lastRetry =
                Map.of(
                        "lastRetry.status", status,
                        "lastRetry.exitCode", exitCode,
                        "lastRetry.duration", "42",
                        "lastRetry.message", what);

        assertEquals(retried, ExprEvaluator.test(renderedStrategy(3).expression(), lastRetry));
    }

    @Test
    void limitAndBackoffComeFromTheSpec() {
        RetryStrategy strategy = renderedStrategy(3);

        assertEquals("3", strategy.limit());
        assertEquals("Always", strategy.retryPolicy());
        assertEquals("10s", strategy.backoff().duration());
        assertEquals("2", strategy.backoff().factor());
        assertEquals("10m", strategy.backoff().cap());
        assertNull(renderedStrategy(0), "no retries, no strategy");
    }

    /** The retry strategy of the rendered evaluate template for {@code retries}. */
    private static RetryStrategy renderedStrategy(int retries) {
        var workflow =
                WorkflowRenderer.render(
                        TestSweeps.sweep("retries", TestSweeps.small("{retries: " + retries + "}")),
                        RenderOptions.defaults());
        Template evaluate =
                workflow.workflowSpec().templates().stream()
                        .filter(t -> t.name().equals("evaluate"))
                        .findFirst()
                        .orElseThrow();
        return evaluate.retryStrategy();
    }
}
