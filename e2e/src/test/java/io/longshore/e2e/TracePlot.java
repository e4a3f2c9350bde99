package io.longshore.e2e;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * A self-contained SVG line chart of an auto scaling trace: desired and running task counts on the
 * left axis, the scaling metric on the right, seconds since load start along the bottom.
 */
final class TracePlot {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 360;
    private static final int LEFT = 60;
    private static final int RIGHT = 70;
    private static final int TOP = 40;
    private static final int BOTTOM = 50;

    record Point(double seconds, int desired, int running, Double metric) {
    }

    private TracePlot() {
    }

    static String svg(String title, String metricLabel, double target, List<Point> points) {
        double maxSeconds = Math.max(1, points.get(points.size() - 1).seconds());
        double minSeconds = Math.min(0, points.get(0).seconds());
        int maxTasks = Math.max(1, points.stream().mapToInt(p -> Math.max(p.desired(), p.running())).max().orElse(1)) + 1;
        double maxMetric = Math.max(target * 2, points.stream().filter(p -> p.metric() != null)
                .mapToDouble(Point::metric).max().orElse(target)) * 1.1;
        double plotW = WIDTH - LEFT - RIGHT;
        double plotH = HEIGHT - TOP - BOTTOM;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d' "
                + "font-family='sans-serif' font-size='12'>%n", WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "<rect width='%d' height='%d' fill='white'/>%n", WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "<text x='%d' y='20' font-size='14'>%s</text>%n", LEFT, title));
        svg.append(String.format(Locale.ROOT, "<rect x='%d' y='%d' width='%.0f' height='%.0f' fill='none' stroke='#999'/>%n",
                LEFT, TOP, plotW, plotH));
        for (int tasks = 0; tasks <= maxTasks; tasks++) {
            double y = TOP + plotH - tasks * plotH / maxTasks;
            svg.append(String.format(Locale.ROOT, "<line x1='%d' x2='%.0f' y1='%.1f' y2='%.1f' stroke='#eee'/>"
                    + "<text x='%d' y='%.1f' text-anchor='end'>%d</text>%n", LEFT, LEFT + plotW, y, y, LEFT - 6, y + 4, tasks));
        }
        for (int step = 0; step <= 4; step++) {
            double value = maxMetric * step / 4;
            svg.append(String.format(Locale.ROOT, "<text x='%.0f' y='%.1f'>%.0f</text>%n", LEFT + plotW + 6,
                    TOP + plotH - step * plotH / 4 + 4, value));
        }
        double secondsStep = Math.max(5, Math.ceil((maxSeconds - minSeconds) / 10 / 5) * 5);
        for (double s = Math.ceil(minSeconds / secondsStep) * secondsStep; s <= maxSeconds; s += secondsStep) {
            double x = LEFT + (s - minSeconds) * plotW / (maxSeconds - minSeconds);
            svg.append(String.format(Locale.ROOT, "<text x='%.1f' y='%.0f' text-anchor='middle'>%.0f</text>%n", x,
                    TOP + plotH + 16, s + 0.0)); // + 0.0: no "-0"
        }
        svg.append(String.format(Locale.ROOT, "<text x='%.0f' y='%d' text-anchor='middle'>seconds since the load started</text>%n",
                LEFT + plotW / 2, HEIGHT - 12));
        double targetY = TOP + plotH - target * plotH / maxMetric;
        svg.append(String.format(Locale.ROOT, "<line x1='%d' x2='%.0f' y1='%.1f' y2='%.1f' stroke='#e67e22' "
                + "stroke-dasharray='4 4'/>%n", LEFT, LEFT + plotW, targetY, targetY));
        ToDoubleFunction<Point> x = p -> LEFT + (p.seconds() - minSeconds) * plotW / (maxSeconds - minSeconds);
        svg.append(polyline(points, x, p -> TOP + plotH - p.desired() * plotH / maxTasks, "#2c7be5", true));
        svg.append(polyline(points, x, p -> TOP + plotH - p.running() * plotH / maxTasks, "#27ae60", true));
        svg.append(polyline(points.stream().filter(p -> p.metric() != null).toList(), x,
                p -> TOP + plotH - p.metric() * plotH / maxMetric, "#e67e22", false));
        String[][] legend = {{"#2c7be5", "desired count"}, {"#27ae60", "running count"},
                {"#e67e22", metricLabel + " (dashed: target " + (int) target + ")"}};
        for (int i = 0; i < legend.length; i++) {
            int lx = LEFT + 10 + i * 230;
            svg.append(String.format(Locale.ROOT, "<line x1='%d' x2='%d' y1='%d' y2='%d' stroke='%s' stroke-width='3'/>"
                    + "<text x='%d' y='%d'>%s</text>%n", lx, lx + 20, TOP + 14, TOP + 14, legend[i][0], lx + 26,
                    TOP + 18, legend[i][1]));
        }
        return svg.append("</svg>\n").toString();
    }

    private static String polyline(List<Point> points, ToDoubleFunction<Point> x, ToDoubleFunction<Point> y,
                                   String colour, boolean stepped) {
        StringBuilder line = new StringBuilder();
        Double previousY = null;
        for (Point p : points) {
            double px = x.applyAsDouble(p);
            double py = y.applyAsDouble(p);
            if (stepped && previousY != null) {
                line.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, previousY));
            }
            line.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, py));
            previousY = py;
        }
        return String.format(Locale.ROOT, "<polyline fill='none' stroke='%s' stroke-width='2' points='%s'/>%n",
                colour, line.toString().trim());
    }
}
