package io.longshore.loadtest.report;

import java.util.List;
import java.util.Locale;

/**
 * Charts as inline SVG, drawn here so the report needs no script, font or file from anywhere:
 * line charts for series over time, bars for shares over time, a histogram with its CDF.
 */
public final class SvgCharts {
    static final int WIDTH = 760;
    static final int HEIGHT = 260;
    private static final int LEFT = 60;
    private static final int RIGHT = 20;
    private static final int TOP = 30;
    private static final int BOTTOM = 40;
    static final String[] COLORS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
            "#7f7f7f", "#bcbd22", "#17becf"};
    /** Legend entries that fit beside the title; more go in rows under the chart. */
    private static final int LEGEND_BESIDE_TITLE = 3;
    private static final int LEGEND_STEP = 170;
    private static final int LEGEND_ROW = 16;

    /** A named series of values, one per x step. */
    public record Series(String name, double[] values) {
    }

    private SvgCharts() {
    }

    /** Lines over x = 0, 1, 2, ... (seconds), each series in its own colour, with a legend. */
    public static String lineChart(String title, String xLabel, String yLabel, List<Series> series) {
        int n = series.stream().mapToInt(s -> s.values().length).max().orElse(0);
        double yMax = niceMax(series.stream().flatMapToDouble(s -> java.util.Arrays.stream(s.values())).max().orElse(0));
        StringBuilder svg = open(title, legendRowsBelow(series.size()));
        axes(svg, xLabel, yLabel, Math.max(1, n - 1), yMax, false);
        for (int i = 0; i < series.size(); i++) {
            double[] v = series.get(i).values();
            StringBuilder points = new StringBuilder();
            for (int x = 0; x < v.length; x++) {
                points.append(fmt(px(x, Math.max(1, n - 1)))).append(',').append(fmt(py(v[x], yMax))).append(' ');
            }
            svg.append("<polyline fill=\"none\" stroke-width=\"1.6\" stroke=\"").append(COLORS[i % COLORS.length])
                    .append("\" points=\"").append(points.toString().trim()).append("\"/>\n");
        }
        legend(svg, series.stream().map(Series::name).toList());
        return svg.append("</svg>\n").toString();
    }

    /**
     * Bars of shares (0..1) over time, the series side by side in each bucket; long runs are
     * bucketed (mean per bucket) to at most 120 buckets so bars stay visible.
     */
    public static String shareBars(String title, String xLabel, List<Series> series) {
        int n = series.stream().mapToInt(s -> s.values().length).max().orElse(0);
        int bucket = Math.max(1, (n + 119) / 120);
        int buckets = Math.max(1, (n + bucket - 1) / bucket);
        StringBuilder svg = open(title);
        axes(svg, xLabel + (bucket > 1 ? " (bars of " + bucket + " s)" : ""), "share", n, 1.0, true);
        double slot = (double) (WIDTH - LEFT - RIGHT) / buckets;
        double barWidth = Math.max(1, slot / (series.size() + 0.5));
        for (int i = 0; i < series.size(); i++) {
            double[] v = series.get(i).values();
            for (int b = 0; b < buckets; b++) {
                double sum = 0;
                int count = 0;
                for (int x = b * bucket; x < Math.min(v.length, (b + 1) * bucket); x++) {
                    sum += v[x];
                    count++;
                }
                double mean = count == 0 ? 0 : sum / count;
                double y = py(Math.min(1, mean), 1.0);
                svg.append("<rect fill=\"").append(COLORS[i % COLORS.length]).append("\" x=\"")
                        .append(fmt(LEFT + b * slot + i * barWidth)).append("\" y=\"").append(fmt(y))
                        .append("\" width=\"").append(fmt(barWidth)).append("\" height=\"")
                        .append(fmt(HEIGHT - BOTTOM - y)).append("\"/>\n");
            }
        }
        legend(svg, series.stream().map(Series::name).toList());
        return svg.append("</svg>\n").toString();
    }

    /** A histogram of sorted samples (ms) in 40 bins up to the max, with the CDF as a line (right axis, %). */
    public static String histogramWithCdf(String title, long[] sortedMillis) {
        StringBuilder svg = open(title);
        long max = sortedMillis.length == 0 ? 1 : Math.max(1, sortedMillis[sortedMillis.length - 1]);
        int bins = 40;
        double binWidth = (double) max / bins;
        long[] counts = new long[bins];
        for (long v : sortedMillis) {
            counts[(int) Math.min(bins - 1, Math.floor(v / binWidth))]++;
        }
        long top = 0;
        for (long c : counts) {
            top = Math.max(top, c);
        }
        double yMax = niceMax(top);
        axes(svg, "milliseconds (0 to " + max + ")", "tasks", max, yMax, false);
        double slot = (double) (WIDTH - LEFT - RIGHT) / bins;
        StringBuilder cdf = new StringBuilder();
        long cumulative = 0;
        for (int b = 0; b < bins; b++) {
            double y = py(counts[b], yMax);
            svg.append("<rect fill=\"").append(COLORS[0]).append("\" opacity=\"0.7\" x=\"").append(fmt(LEFT + b * slot))
                    .append("\" y=\"").append(fmt(y)).append("\" width=\"").append(fmt(Math.max(1, slot - 1)))
                    .append("\" height=\"").append(fmt(HEIGHT - BOTTOM - y)).append("\"><title>")
                    .append(Math.round(b * binWidth)).append("–").append(Math.round((b + 1) * binWidth)).append(" ms: ")
                    .append(counts[b]).append("</title></rect>\n");
            cumulative += counts[b];
            double share = sortedMillis.length == 0 ? 0 : (double) cumulative / sortedMillis.length;
            cdf.append(fmt(LEFT + (b + 1) * slot)).append(',').append(fmt(py(share, 1.0))).append(' ');
        }
        svg.append("<polyline fill=\"none\" stroke=\"").append(COLORS[1]).append("\" stroke-width=\"2\" points=\"")
                .append(fmt(LEFT)).append(',').append(fmt(py(0, 1.0))).append(' ').append(cdf.toString().trim())
                .append("\"/>\n");
        for (int pct = 0; pct <= 100; pct += 50) {
            svg.append("<text x=\"").append(WIDTH - RIGHT + 2).append("\" y=\"").append(fmt(py(pct / 100.0, 1.0) + 4))
                    .append("\" font-size=\"10\">").append(pct).append("%</text>\n");
        }
        legend(svg, List.of("tasks per bin", "cumulative share (CDF)"));
        return svg.append("</svg>\n").toString();
    }

    // ---- drawing helpers ----

    private static StringBuilder open(String title) {
        return open(title, 0);
    }

    private static StringBuilder open(String title, int legendRows) {
        int height = HEIGHT + legendRows * LEGEND_ROW;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH + 30).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(WIDTH + 30).append(' ').append(height)
                .append("\" font-family=\"sans-serif\" role=\"img\"><title>").append(HtmlReport.escape(title))
                .append("</title>\n<text x=\"").append(LEFT).append("\" y=\"18\" font-size=\"14\" font-weight=\"bold\">")
                .append(HtmlReport.escape(title)).append("</text>\n");
        return svg;
    }

    private static void axes(StringBuilder svg, String xLabel, String yLabel, double xMax, double yMax, boolean percent) {
        int x0 = LEFT;
        int y0 = HEIGHT - BOTTOM;
        svg.append("<line x1=\"").append(x0).append("\" y1=\"").append(y0).append("\" x2=\"").append(WIDTH - RIGHT)
                .append("\" y2=\"").append(y0).append("\" stroke=\"#333\"/>\n");
        svg.append("<line x1=\"").append(x0).append("\" y1=\"").append(TOP).append("\" x2=\"").append(x0)
                .append("\" y2=\"").append(y0).append("\" stroke=\"#333\"/>\n");
        for (int i = 0; i <= 4; i++) {
            double value = yMax * i / 4;
            double y = py(value, yMax);
            svg.append("<line x1=\"").append(x0).append("\" y1=\"").append(fmt(y)).append("\" x2=\"").append(WIDTH - RIGHT)
                    .append("\" y2=\"").append(fmt(y)).append("\" stroke=\"#ddd\"/>\n");
            svg.append("<text x=\"").append(x0 - 6).append("\" y=\"").append(fmt(y + 4))
                    .append("\" font-size=\"10\" text-anchor=\"end\">")
                    .append(percent ? Math.round(value * 100) + "%" : label(value)).append("</text>\n");
        }
        for (int i = 0; i <= 5; i++) {
            double value = xMax * i / 5;
            if (xMax >= 10) {
                value = Math.round(value); // whole seconds or milliseconds read better
            }
            svg.append("<text x=\"").append(fmt(x0 + (WIDTH - LEFT - RIGHT) * i / 5.0)).append("\" y=\"").append(y0 + 14)
                    .append("\" font-size=\"10\" text-anchor=\"middle\">").append(label(value)).append("</text>\n");
        }
        svg.append("<text x=\"").append((LEFT + WIDTH - RIGHT) / 2).append("\" y=\"").append(HEIGHT - 6)
                .append("\" font-size=\"11\" text-anchor=\"middle\">").append(HtmlReport.escape(xLabel)).append("</text>\n");
        svg.append("<text x=\"14\" y=\"").append((TOP + y0) / 2).append("\" font-size=\"11\" text-anchor=\"middle\" ")
                .append("transform=\"rotate(-90 14 ").append((TOP + y0) / 2).append(")\">")
                .append(HtmlReport.escape(yLabel)).append("</text>\n");
    }

    private static void legend(StringBuilder svg, List<String> names) {
        int x = WIDTH - RIGHT - LEGEND_STEP * names.size();
        for (int i = 0; i < names.size(); i++) {
            int lx;
            int ly;
            if (names.size() <= LEGEND_BESIDE_TITLE) {
                lx = Math.max(LEFT + 200, x) + i * LEGEND_STEP;
                ly = 8;
            } else { // under the x-axis label, in rows, so many series neither cover the title nor run off the side
                lx = LEFT + (i % legendPerRow()) * LEGEND_STEP;
                ly = HEIGHT + (i / legendPerRow()) * LEGEND_ROW;
            }
            svg.append("<rect x=\"").append(lx).append("\" y=\"").append(ly).append("\" width=\"12\" height=\"12\" fill=\"")
                    .append(COLORS[i % COLORS.length]).append("\"/><text x=\"").append(lx + 16)
                    .append("\" y=\"").append(ly + 10).append("\" font-size=\"11\">").append(HtmlReport.escape(names.get(i)))
                    .append("</text>\n");
        }
    }

    private static int legendPerRow() {
        return (WIDTH - LEFT) / LEGEND_STEP;
    }

    private static int legendRowsBelow(int entries) {
        return entries <= LEGEND_BESIDE_TITLE ? 0 : (entries + legendPerRow() - 1) / legendPerRow();
    }

    private static double px(double x, double xMax) {
        return LEFT + (WIDTH - LEFT - RIGHT) * (x / xMax);
    }

    private static double py(double y, double yMax) {
        return HEIGHT - BOTTOM - (HEIGHT - TOP - BOTTOM) * (yMax == 0 ? 0 : y / yMax);
    }

    /** A round upper bound for an axis: 1, 2 or 5 times a power of ten. */
    static double niceMax(double max) {
        if (max <= 0) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(max)));
        for (double step : new double[]{1, 2, 5, 10}) {
            if (step * power >= max) {
                return step * power;
            }
        }
        return 10 * power;
    }

    private static String label(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
