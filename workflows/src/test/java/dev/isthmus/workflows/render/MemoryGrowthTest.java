package dev.isthmus.workflows.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.isthmus.api.admission.Budget;
import dev.isthmus.api.admission.Units;
import dev.isthmus.workflows.argo.Template;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A pod retried after an out-of-memory kill (exit 137) or an attempt that found too little memory
 * (exit 4) gets {@code memory × 2^retries}, up to {@code maxMemory}; a retry after any other
 * failure gets {@code memory}: the rendered podSpecPatch, its expression evaluated for the values
 * Argo 3.7 substitutes ({@code retries}, {@code lastRetry.exitCode}).
 */
class MemoryGrowthTest {

    private static final Pattern EXPRESSION = Pattern.compile("\\{\\{=(.*?)}}");

    /**
     * The memory the {@code main} container of attempt {@code retries} requests and is limited to.
     */
    private static String memoryOfAttempt(String patch, String retries, String lastExitCode)
            throws Exception {
        JsonNode main = new ObjectMapper().readTree(patch).path("containers").get(0);
        assertEquals("main", main.path("name").asText(), patch);
        String request = main.path("resources").path("requests").path("memory").asText();
        assertEquals(request, main.path("resources").path("limits").path("memory").asText(), patch);
        Matcher m = EXPRESSION.matcher(request);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Number value =
                    ExprEvaluator.number(
                            m.group(1),
                            Map.of("retries", retries, "lastRetry.exitCode", lastExitCode));
            m.appendReplacement(out, value.toString());
        }
        m.appendTail(out);
        return out.toString();
    }

    private static Template compute(String resources, int retries) {
        var workflow =
                WorkflowRenderer.render(
                        TestSweeps.sweep(
                                "grow",
                                TestSweeps.small(
                                        "{retries: "
                                                + retries
                                                + ", resources: "
                                                + resources
                                                + "}")),
                        RenderOptions.defaults());
        return workflow.workflowSpec().templates().stream()
                .filter(t -> t.name().equals("train"))
                .findFirst()
                .orElseThrow();
    }

    @ParameterizedTest(name = "{0} up to {1}, attempt {2} after exit {3}: {4}")
    @CsvSource({
        "1Gi, 4Gi, 0, 0, 1024Mi",
        "1Gi, 4Gi, 1, 137, 2048Mi",
        "1Gi, 4Gi, 2, 137, 4096Mi",
        "1Gi, 4Gi, 3, 137, 4096Mi",
        "1Gi, 4Gi, 40, 137, 4096Mi",
        "1Gi, 4Gi, 1, 4, 2048Mi",
        "1Gi, 4Gi, 3, 4, 4096Mi",
        "1Gi, 4Gi, 1, 1, 1024Mi",
        "1Gi, 4Gi, 1, 2, 1024Mi",
        "1Gi, 4Gi, 2, 143, 1024Mi",
        "1Gi, 4Gi, 2, -1, 1024Mi",
        "3Gi, 10Gi, 2, 137, 10240Mi",
        "3Gi, 10Gi, 1, 137, 6144Mi",
        "1G, 5G, 0, 0, 1000000000",
        "1G, 5G, 2, 137, 4000000000",
        "1G, 5G, 3, 137, 5000000000",
    })
    void aRetryAfterAnOutOfMemoryKillDoublesTheMemoryUpToTheCap(
            String memory, String maxMemory, String retries, String exit, String expected)
            throws Exception {
        Template train = compute("{memory: " + memory + ", maxMemory: " + maxMemory + "}", 5);
        String quantity = memoryOfAttempt(train.podSpecPatch(), retries, exit);
        assertEquals(expected, quantity);
        assertEquals(memory, train.container().getResources().getLimits().get("memory").toString());
        double admitted =
                exit.equals(MemoryGrowth.KILLED)
                                || exit.equals(Integer.toString(RetryPolicy.OUT_OF_MEMORY))
                        ? Budget.grown(memory, maxMemory, Integer.parseInt(retries))
                        : Units.quantity(memory);
        assertEquals(admitted, Units.quantity(quantity), "the rule admission assumes");
    }

    @Test
    void theExpressionHasNothingJsonEscapes() {
        // Argo JSON-decodes an expression before evaluating it; a double quote would end the
        // patch's string and make the patch invalid JSON
        String patch = compute("{memory: 1Gi, maxMemory: 4Gi}", 2).podSpecPatch();
        Matcher m = EXPRESSION.matcher(patch);
        while (m.find()) {
            assertFalse(m.group(1).matches(".*[\\\\\"<>&].*"), m.group(1));
        }
    }

    @Test
    void noCapNoRetriesOrACapEqualToTheMemoryRenderNoPatch() {
        assertNull(compute("{memory: 1Gi}", 3).podSpecPatch());
        // validation refuses maxMemory with retries: 0; the renderer still writes no patch
        assertNull(
                MemoryGrowth.podSpecPatch(
                        new dev.isthmus.api.spec.ResourcesSpec(null, null, "1Gi", "4Gi"), 0));
        assertNull(compute("{memory: 1Gi, maxMemory: 1024Mi}", 3).podSpecPatch());
    }

    @Test
    void thePatchIsOneExpressionWhateverTheRetryCount() {
        assertEquals(
                "{\"containers\":[{\"name\":\"main\",\"resources\":{\"requests\":{\"memory\":"
                        + "\"{{=lastRetry.exitCode == '137' || lastRetry.exitCode == '4' ? asInt(min(4096,"
                        + " 1024 * 2 **"
                        + " asInt(retries))) : 1024}}Mi\"},"
                        + "\"limits\":{\"memory\":"
                        + "\"{{=lastRetry.exitCode == '137' || lastRetry.exitCode == '4' ? asInt(min(4096,"
                        + " 1024 * 2 **"
                        + " asInt(retries))) : 1024}}Mi\"}}}]}",
                compute("{memory: 1Gi, maxMemory: 4Gi}", 10).podSpecPatch());
    }
}
