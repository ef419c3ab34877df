package dev.isthmus.workers.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isthmus.workers.metrics.Barriers;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The report is one offline HTML file with a plot for everything measured. */
class HtmlReportTest {

    @Test
    void lossAndAccuracyOnlyWhenNothingElseWasMeasured() {
        double[] alphas = {0, 0.5, 1};
        var c =
                new Results.CurveResult(
                        "seed-0",
                        "seed-1",
                        "none",
                        "linear",
                        alphas,
                        new double[] {0.3, 1.2, 0.3},
                        new double[] {0.9, 0.6, 0.9},
                        new Barriers(0.9, 0.9, 0.9, 0.5),
                        new Barriers(0.3, 0.3, 0.3, 0.5),
                        null,
                        null);
        Results r =
                new Results(
                        Results.SCHEMA,
                        "demo</script>",
                        "h",
                        "mlp 784-8-10",
                        "Fashion-MNIST",
                        100,
                        List.of(),
                        List.of(),
                        List.of(c),
                        Summaries.of(List.of(c)),
                        List.of(new Results.TaskFailure("align-1", "bad <file>")),
                        Map.of());
        String html = HtmlReport.render(r);
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(
                html.contains("<canvas id=\"loss\">") && html.contains("<canvas id=\"accuracy\">"));
        assertFalse(html.contains("id=\"decomposition\"") || html.contains("id=\"cka\""));
        assertTrue(
                html.contains("<td>none</td><td>linear</td><td>1</td><td>0.9000</td>"),
                html.substring(0, 2000));
        assertTrue(html.contains("bad &lt;file&gt;"));
        assertTrue(html.contains("Chart.js v4.4.1"), "Chart.js is inlined");
        // Offline: no external scripts, styles or images; the data cannot close the script tag.
        assertFalse(Pattern.compile("<(script|link|img)[^>]+(src|href)=").matcher(html).find());
        assertFalse(html.contains("demo</script>"));
    }
}
