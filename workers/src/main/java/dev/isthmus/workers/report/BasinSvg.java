package dev.isthmus.workers.report;

import dev.isthmus.workers.basins.BasinMap;
import dev.isthmus.workers.basins.Linkage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report's basin map section as inline SVG: per path, heat maps of the chord loss barrier and
 * accuracy drop, naive beside aligned, all ordered by the aligned clustering, with its dendrogram
 * (the basin threshold dashed) above the aligned loss map.
 */
final class BasinSvg {
    private static final int CELL = 36;
    private static final int LABEL = 70;
    private static final int TREE = 110;
    private static final int TITLE = 22;

    private BasinSvg() {}

    static void render(StringBuilder html, List<BasinMap> maps) {
        html.append("<h2>Basin map</h2>\n<p>Chord loss barrier (nats) and accuracy drop of every")
                .append(" pair, ordered by the aligned clustering; basins are joined at a loss")
                .append(" barrier at or below the threshold.</p>\n");
        Map<String, List<BasinMap>> byPath = new LinkedHashMap<>();
        for (BasinMap m : maps) byPath.computeIfAbsent(m.path(), k -> new ArrayList<>()).add(m);
        for (List<BasinMap> group : byPath.values()) {
            BasinMap reference = group.get(group.size() - 1);
            for (BasinMap m : group) if (!"none".equals(m.alignment())) reference = m;
            List<Integer> order = reference.order();
            // Each map has its own colour scale (named in its title): on the naive map's scale the
            // aligned map's basins would all be white.
            html.append("<div class=\"basins\">\n");
            for (BasinMap m : group) {
                html.append(svg(m, order, m == reference, scale(List.of(m), true), true));
            }
            html.append("<br>\n");
            for (BasinMap m : group) {
                html.append(svg(m, order, false, scale(List.of(m), false), false));
            }
            html.append("</div>\n");
            for (BasinMap m : group) basins(html, m);
        }
    }

    private static double scale(List<BasinMap> group, boolean loss) {
        double max = 1e-9;
        for (BasinMap m : group) {
            for (Double[] row : loss ? m.lossBarrier() : m.accuracyBarrier()) {
                for (Double v : row) if (v != null && Double.isFinite(v)) max = Math.max(max, v);
            }
        }
        return max;
    }

    private static String svg(
            BasinMap m, List<Integer> order, boolean tree, double scale, boolean loss) {
        int n = order.size();
        int top = TITLE + (tree ? TREE : 0);
        int width = LABEL + n * CELL + 10;
        int height = top + n * CELL + 10;
        StringBuilder s = new StringBuilder();
        s.append(
                String.format(
                        Locale.ROOT,
                        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                                + " font-family=\"system-ui,sans-serif\" font-size=\"11\""
                                + " style=\"margin:0 1em 1em 0;vertical-align:top\">",
                        width,
                        height));
        s.append(
                String.format(
                        Locale.ROOT,
                        "<text x=\"%d\" y=\"15\" font-size=\"13\">%s</text>",
                        LABEL,
                        HtmlReport.escape(
                                (loss ? "loss barrier · " : "accuracy drop · ")
                                        + m.alignment()
                                        + " · "
                                        + m.path()
                                        + String.format(
                                                Locale.ROOT, " (white 0, red %.3g)", scale))));
        if (tree) dendrogram(s, m, order, TITLE);
        Double[][] values = loss ? m.lossBarrier() : m.accuracyBarrier();
        for (int r = 0; r < n; r++) {
            int i = order.get(r);
            s.append(
                    String.format(
                            Locale.ROOT,
                            "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>",
                            LABEL - 4,
                            top + r * CELL + CELL / 2 + 4,
                            HtmlReport.escape(m.endpoints().get(i))));
            for (int c = 0; c < n; c++) {
                Double v = values[i][order.get(c)];
                int x = LABEL + c * CELL;
                int y = top + r * CELL;
                s.append(
                        String.format(
                                Locale.ROOT,
                                "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\""
                                        + " stroke=\"#fff\"><title>%s – %s: %s</title></rect>",
                                x,
                                y,
                                CELL,
                                CELL,
                                colour(v, scale),
                                HtmlReport.escape(m.endpoints().get(i)),
                                HtmlReport.escape(m.endpoints().get(order.get(c))),
                                text(v)));
                if (n <= 16) {
                    s.append(
                            String.format(
                                    Locale.ROOT,
                                    "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\""
                                            + " font-size=\"9\">%s</text>",
                                    x + CELL / 2,
                                    y + CELL / 2 + 3,
                                    cell(v)));
                }
            }
        }
        return s.append("</svg>\n").toString();
    }

    /**
     * The merges as U-shaped links over the columns; the threshold as a dashed line, at the top and
     * marked with an arrow when it lies more than twice as high as every merge.
     */
    private static void dendrogram(StringBuilder s, BasinMap m, List<Integer> order, int y0) {
        int n = order.size();
        double tallest = 0;
        for (Linkage.Merge merge : m.merges()) tallest = Math.max(tallest, merge.height());
        // A threshold far above every merge would squash the tree into its bottom pixels: the
        // scale stops at twice the tallest merge and the threshold line waits at the top, marked.
        double maxHeight =
                tallest > 0
                        ? Math.max(tallest, Math.min(m.threshold(), 2 * tallest))
                        : m.threshold();
        if (!(maxHeight > 0)) maxHeight = 1;
        boolean above = m.threshold() > maxHeight;
        double[] x = new double[n + m.merges().size()];
        double[] h = new double[x.length];
        for (int c = 0; c < n; c++) x[order.get(c)] = LABEL + c * CELL + CELL / 2.0;
        int bottom = y0 + TREE - 4;
        double unit = (TREE - 10) / maxHeight;
        for (int k = 0; k < m.merges().size(); k++) {
            Linkage.Merge merge = m.merges().get(k);
            x[n + k] = (x[merge.left()] + x[merge.right()]) / 2;
            h[n + k] = merge.height();
            double yl = bottom - h[merge.left()] * unit;
            double yr = bottom - h[merge.right()] * unit;
            double ym = bottom - merge.height() * unit;
            s.append(
                    String.format(
                            Locale.ROOT,
                            "<path d=\"M%.1f %.1f V%.1f H%.1f V%.1f\" fill=\"none\" stroke=\"%s\">"
                                    + "<title>%.4f</title></path>",
                            x[merge.left()],
                            yl,
                            ym,
                            x[merge.right()],
                            yr,
                            merge.height() <= m.threshold() ? "#1f77b4" : "#999",
                            merge.height()));
        }
        double yt = bottom - Math.min(m.threshold(), maxHeight) * unit;
        s.append(
                String.format(
                        Locale.ROOT,
                        "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#d62728\""
                                + " stroke-dasharray=\"4 3\"/><text x=\"2\" y=\"%.1f\""
                                + " fill=\"#d62728\">%.3g nats%s</text>",
                        LABEL,
                        LABEL + n * CELL,
                        yt,
                        yt,
                        yt + 4,
                        m.threshold(),
                        above ? " ↑" : ""));
    }

    /** A cell's number: two decimals, three below 0.1 so that aligned barriers do not read 0. */
    static String cell(Double v) {
        if (v == null) return "–";
        return String.format(Locale.ROOT, Math.abs(v) < 0.1 ? "%.3f" : "%.2f", v);
    }

    /** White (0) to dark red (the largest value shown); grey where the pair was not evaluated. */
    static String colour(Double v, double scale) {
        if (v == null || !Double.isFinite(v)) return "#ccc";
        double t = Math.max(0, Math.min(1, v / scale));
        int g = (int) Math.round(255 * (1 - t));
        int r = (int) Math.round(255 - 75 * t);
        return String.format(Locale.ROOT, "#%02x%02x%02x", r, g, (int) Math.round(g * 0.9));
    }

    private static String text(Double v) {
        return v == null ? "not evaluated" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static void basins(StringBuilder html, BasinMap m) {
        html.append("<p><b>")
                .append(HtmlReport.escape(m.alignment() + " · " + m.path()))
                .append(String.format(Locale.ROOT, "</b>: %d basin", m.basins().size()))
                .append(m.basins().size() == 1 ? "" : "s")
                .append(
                        String.format(
                                Locale.ROOT,
                                " (%s linkage, threshold %.4g nats)",
                                m.linkage(),
                                m.threshold()));
        for (BasinMap.Basin b : m.basins()) {
            html.append(" · {")
                    .append(HtmlReport.escape(String.join(", ", b.members())))
                    .append('}');
            if (b.members().size() > 1) {
                html.append(b.stronglyConnected() ? " strongly connected" : " chain only");
                if (b.maxBarrier() != null) {
                    html.append(String.format(Locale.ROOT, " (max %.4f)", b.maxBarrier()));
                }
            }
        }
        html.append("</p>\n");
    }
}
