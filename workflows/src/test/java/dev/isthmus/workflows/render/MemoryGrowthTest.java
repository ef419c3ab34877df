package dev.isthmus.workflows.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.isthmus.workflows.argo.Template;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A retried pod gets twice the memory of the attempt before, up to {@code maxMemory}: the rendered
 * podSpecPatch, its expression evaluated for the retry numbers Argo substitutes.
 */
class MemoryGrowthTest {

    private static final Pattern EXPRESSION = Pattern.compile("\\{\\{=(.*?)}}");

    /**
     * The memory the {@code main} container of attempt {@code retries} requests and is limited to.
     */
    private static String memoryOfAttempt(String patch, String retries) throws Exception {
        JsonNode main = new ObjectMapper().readTree(patch).path("containers").get(0);
        assertEquals("main", main.path("name").asText(), patch);
        String request = main.path("resources").path("requests").path("memory").asText();
        assertEquals(request, main.path("resources").path("limits").path("memory").asText(), patch);
        Matcher m = EXPRESSION.matcher(request);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Number value = ExprEvaluator.number(m.group(1), Map.of("retries", retries));
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

    @ParameterizedTest(name = "{0} up to {1}, attempt {2}: {3}")
    @CsvSource({
        "1Gi, 4Gi, 0, 1024Mi",
        "1Gi, 4Gi, 1, 2048Mi",
        "1Gi, 4Gi, 2, 4096Mi",
        "1Gi, 4Gi, 3, 4096Mi",
        "1Gi, 4Gi, 40, 4096Mi",
        "3Gi, 10Gi, 2, 10240Mi",
        "1G, 5G, 0, 1000000000",
        "1G, 5G, 2, 4000000000",
        "1G, 5G, 3, 5000000000",
    })
    void eachRetryDoublesTheMemoryUpToTheCap(
            String memory, String maxMemory, String retries, String expected) throws Exception {
        Template train = compute("{memory: " + memory + ", maxMemory: " + maxMemory + "}", 5);
        assertEquals(expected, memoryOfAttempt(train.podSpecPatch(), retries));
        assertEquals(memory, train.container().getResources().getLimits().get("memory").toString());
    }

    @Test
    void argosSubmitTimePlaceholderReadsAsTheFirstAttempt() throws Exception {
        // validation substitutes a placeholder for {{retries}}; asInt would reject it
        String patch = compute("{memory: 1Gi, maxMemory: 4Gi}", 2).podSpecPatch();
        assertEquals("1024Mi", memoryOfAttempt(patch, "placeholder-7"));
        assertThrows(
                NumberFormatException.class,
                () -> ExprEvaluator.number("asInt(retries)", Map.of("retries", "placeholder-7")));
    }

    @Test
    void noCapNoRetriesOrACapEqualToTheMemoryRenderNoPatch() {
        assertNull(compute("{memory: 1Gi}", 3).podSpecPatch());
        assertNull(compute("{memory: 1Gi, maxMemory: 4Gi}", 0).podSpecPatch());
        assertNull(compute("{memory: 1Gi, maxMemory: 1024Mi}", 3).podSpecPatch());
    }

    @Test
    void thePatchIsOneExpressionWhateverTheRetryCount() {
        assertEquals(
                "{\"containers\":[{\"name\":\"main\",\"resources\":{\"requests\":{\"memory\":"
                        + "\"{{=asInt(min(4096, 1024 * 2 ** sprig.int(retries)))}}Mi\"},"
                        + "\"limits\":{\"memory\":"
                        + "\"{{=asInt(min(4096, 1024 * 2 ** sprig.int(retries)))}}Mi\"}}}]}",
                compute("{memory: 1Gi, maxMemory: 4Gi}", 50).podSpecPatch());
    }
}
