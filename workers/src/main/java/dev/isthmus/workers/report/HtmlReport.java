package dev.isthmus.workers.report;

import dev.isthmus.api.result.IntervalSpread;
import dev.isthmus.api.result.Spread;
import dev.isthmus.api.result.SummaryRow;
import dev.isthmus.workers.metrics.PathEnsemble;
import dev.isthmus.workers.store.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * A self-contained {@code report.html}: the summary table and Chart.js plots of loss and accuracy
 * along alpha, the decomposition terms, attribution and CKA when measured. Chart.js (MIT, from its
 * WebJar) and the data are inlined, so the file opens offline.
 */
public final class HtmlReport {
    private static final String CHART_JS =
            "/META-INF/resources/webjars/chart.js/4.4.1/dist/chart.umd.js";
    private static final String SCRIPT = "/dev/isthmus/workers/report/report.js";

    private HtmlReport() {}

    public static String render(Results r) {
        boolean decomposition = r.curves().stream().anyMatch(c -> c.decomposition() != null);
        boolean cka = r.curves().stream().anyMatch(c -> c.similarity() != null);
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>")
                .append(escape(r.sweep()))
                .append(" · Isthmus report</title>\n<style>")
                .append(
                        "body{font-family:system-ui,sans-serif;margin:2em auto;max-width:1100px;color:#222}")
                .append(
                        "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}")
                .append(
                        "th:first-child,td:first-child{text-align:left}canvas{margin:1.5em 0}"
                                + ".basins{white-space:nowrap;overflow-x:auto}</style>\n</head><body>\n");
        html.append("<h1>")
                .append(escape(r.sweep()))
                .append("</h1>\n<p>")
                .append(escape(r.model()))
                .append(" · ")
                .append(escape(r.dataset()))
                .append("</p>\n");
        summary(html, r);
        if (r.merges() != null && !r.merges().isEmpty()) merges(html, r.merges());
        if (!r.failures().isEmpty()) {
            html.append("<h2>Failed tasks</h2>\n<ul>\n");
            r.failures()
                    .forEach(
                            f ->
                                    html.append("<li>")
                                            .append(escape(f.task()))
                                            .append(": ")
                                            .append(escape(f.message()))
                                            .append("</li>\n"));
            html.append("</ul>\n");
        }
        html.append(
                "<h2>Along the path</h2>\n<canvas id=\"loss\"></canvas>\n<canvas id=\"accuracy\"></canvas>\n");
        if (decomposition) {
            html.append(
                            "<h2>Why: the exact decomposition</h2>\n<canvas id=\"decomposition\"></canvas>\n")
                    .append("<canvas id=\"attribution\"></canvas>\n");
        }
        if (cka) html.append("<h2>Representations</h2>\n<canvas id=\"cka\"></canvas>\n");
        if (r.basins() != null && !r.basins().isEmpty()) BasinSvg.render(html, r.basins());
        html.append("<script>\n").append(resource(CHART_JS)).append("\n</script>\n");
        html.append("<script>\nconst RESULTS = ")
                .append(Json.string(r).replace("</", "<\\/"))
                .append(";\n")
                .append(resource(SCRIPT))
                .append("</script>\n</body></html>\n");
        return html.toString();
    }

    private static void summary(StringBuilder html, Results r) {
        html.append("<h2>Barriers</h2>\n<table>\n<tr><th>alignment</th><th>path</th><th>pairs</th>")
                .append("<th>loss lin</th><th>loss mean</th><th>loss max</th>")
                .append(
                        "<th>acc. drop lin</th><th>acc. drop mean</th><th>acc. drop max</th></tr>\n");
        for (SummaryRow s : r.summary()) {
            html.append("<tr><td>")
                    .append(escape(s.alignment()))
                    .append("</td><td>")
                    .append(escape(s.path()))
                    .append("</td><td>")
                    .append(s.pairs())
                    .append("</td>");
            for (var m : new java.util.Map[] {s.lossBarrier(), s.accuracyBarrier()}) {
                for (String k : new String[] {"lin", "mean", "max"}) {
                    Spread v = (Spread) m.get(k);
                    html.append(String.format(Locale.ROOT, "<td>%.4f</td>", v.mean()));
                }
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n<p>Means over pairs; results.json also has the worst pair.</p>\n");
        intervals(html, r);
        ensembles(html, r);
    }

    /** Each path's ensemble beside its ends' own ensemble and the ends alone, when measured. */
    private static void ensembles(StringBuilder html, Results r) {
        var curves = r.curves().stream().filter(c -> c.ensemble() != null).toList();
        if (curves.isEmpty()) return;
        html.append("<h3>Ensembles along the path</h3>\n<table>\n")
                .append("<tr><th>pair</th><th>alignment</th><th>path</th><th>points</th>")
                .append("<th>acc. A</th><th>acc. B</th><th>acc. ensemble of A and B</th>")
                .append("<th>acc. ensemble along the path</th>")
                .append("<th>loss ensemble of A and B</th><th>loss ensemble along the path</th>")
                .append("</tr>\n");
        for (Results.CurveResult c : curves) {
            PathEnsemble.Result e = c.ensemble();
            double[] acc = e.memberAccuracy();
            html.append("<tr><td>")
                    .append(escape(c.a() + " ~ " + c.b()))
                    .append("</td><td>")
                    .append(escape(c.alignment()))
                    .append("</td><td>")
                    .append(escape(c.path()))
                    .append("</td>")
                    .append(
                            String.format(
                                    Locale.ROOT,
                                    "<td>%d</td><td>%.4f</td><td>%.4f</td><td>%.4f</td><td>%.4f</td>"
                                            + "<td>%.4f</td><td>%.4f</td></tr>\n",
                                    acc.length,
                                    acc[0],
                                    acc[acc.length - 1],
                                    e.endpointsAccuracy(),
                                    e.accuracy(),
                                    e.endpointsLoss(),
                                    e.loss()));
        }
        html.append(
                "</table>\n<p>Logits averaged over evenly spaced points of each path, both ends"
                        + " included; A and B as the path's ends are evaluated (B aligned, with"
                        + " the path's repair).</p>\n");
    }

    /** The bootstrap intervals of every barrier, when measured. */
    private static void intervals(StringBuilder html, Results r) {
        var rows = r.summary().stream().filter(s -> s.lossBarrierInterval() != null).toList();
        if (rows.isEmpty()) return;
        double level = rows.get(0).lossBarrierInterval().get("lin").level();
        html.append(
                        String.format(
                                Locale.ROOT,
                                "<h3>%.4g %% bootstrap intervals</h3>\n<table>\n",
                                level * 100))
                .append("<tr><th>alignment</th><th>path</th>")
                .append("<th>loss lin</th><th>loss mean</th><th>loss max</th>")
                .append(
                        "<th>acc. drop lin</th><th>acc. drop mean</th><th>acc. drop max</th>"
                                + "<th>worst upper end (loss lin)</th></tr>\n");
        for (SummaryRow s : rows) {
            html.append("<tr><td>")
                    .append(escape(s.alignment()))
                    .append("</td><td>")
                    .append(escape(s.path()))
                    .append("</td>");
            for (var m : List.of(s.lossBarrierInterval(), s.accuracyBarrierInterval())) {
                for (String k : new String[] {"lin", "mean", "max"}) {
                    IntervalSpread v = m.get(k);
                    html.append(
                            String.format(
                                    Locale.ROOT,
                                    "<td>[%.4f, %.4f]</td>",
                                    v.lower().mean(),
                                    v.upper().mean()));
                }
            }
            html.append(
                    String.format(
                            Locale.ROOT,
                            "<td>%.4f</td></tr>\n",
                            s.lossBarrierInterval().get("lin").upper().max()));
        }
        html.append(
                "</table>\n<p>Resampling the evaluation examples; each pair's interval ends,"
                        + " averaged over pairs.</p>\n");
    }

    /** One row per merge: the merged network beside its best member and the naive average. */
    private static void merges(StringBuilder html, List<Results.MergeResult> merges) {
        html.append("<h2>Merges of all endpoints</h2>\n<table>\n<tr><th>alignment</th>")
                .append(
                        "<th>repair</th><th>iterations</th><th>merged loss</th><th>merged acc.</th>")
                .append("<th>naive loss</th><th>naive acc.</th><th>best member loss</th>")
                .append("<th>best member acc.</th><th>cycle error</th></tr>\n");
        for (Results.MergeResult m : merges) {
            var best =
                    m.members().stream()
                            .map(Results.MergeMember::evaluation)
                            .min(java.util.Comparator.comparingDouble(x -> x.loss()))
                            .orElseThrow();
            html.append("<tr><td>")
                    .append(escape(m.alignment()))
                    .append("</td><td>")
                    .append(escape(m.repair()))
                    .append(
                            String.format(
                                    Locale.ROOT,
                                    "</td><td>%d%s</td><td>%.4f</td><td>%.4f</td><td>%.4f</td>"
                                            + "<td>%.4f</td><td>%.4f</td><td>%.4f</td><td>%s</td>"
                                            + "</tr>\n",
                                    m.iterations(),
                                    m.converged() ? "" : " (not converged)",
                                    m.merged().loss(),
                                    m.merged().accuracy(),
                                    m.naive().loss(),
                                    m.naive().accuracy(),
                                    best.loss(),
                                    best.accuracy(),
                                    m.cycleError() == null
                                            ? "-"
                                            : String.format(Locale.ROOT, "%.4f", m.cycleError())));
        }
        html.append(
                "</table>\n<p>Loss and accuracy on the evaluation split; the cycle error is the"
                        + " fraction of units on which independent pairwise weight matching is not"
                        + " cycle-consistent, averaged over triples of endpoints.</p>\n");
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("missing resource " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String escape(String s) {
        return s.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
