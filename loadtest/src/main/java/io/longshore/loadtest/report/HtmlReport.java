package io.longshore.loadtest.report;

import io.longshore.loadtest.invariant.InvariantResult;
import io.longshore.loadtest.recording.LagSample;
import io.longshore.loadtest.stats.CpuByProcess;
import io.longshore.loadtest.stats.LatencySummary;
import io.longshore.loadtest.stats.SpreadBalance;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** report.html: one self-contained page (inline CSS and SVG, nothing fetched) with the run's curves. */
public final class HtmlReport {
    /** Components drawn in the CPU chart, busiest first; the table lists them all. */
    private static final int CPU_CHART_SERIES = 7;

    private HtmlReport() {
    }

    public static String render(LoadtestReport r) {
        RunInfo run = r.run();
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>Longshore load test: ")
                .append(escape(run.scenarioName())).append("</title>\n<style>\n")
                .append("body{font-family:sans-serif;margin:24px;max-width:1000px;color:#222}")
                .append("table{border-collapse:collapse;margin:8px 0 16px}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}")
                .append("th{background:#f3f3f3}td.l,th.l{text-align:left}.ok{color:#197a19;font-weight:bold}")
                .append(".bad{color:#b00020;font-weight:bold}section{margin-bottom:28px}pre{background:#f7f7f7;padding:8px;overflow:auto}\n")
                .append("</style></head><body>\n");
        h.append("<h1>Load test <code>").append(escape(run.scenarioName())).append("</code> ")
                .append(r.invariantsHeld() ? "<span class=\"ok\">all invariants held</span>" : "<span class=\"bad\">invariant violated</span>")
                .append("</h1>\n<p>").append(escape(run.scenarioDescription())).append("</p>\n");
        if (r.cpuByProcess() != null) {
            h.append("<p><b>CPU:</b> ").append(escape(r.cpuByProcess().capNote())).append("</p>\n");
        }
        h.append("<table>");
        row(h, "cluster", run.cluster());
        row(h, "run", run.runId());
        row(h, "started / ended", run.startedAt() + " / " + run.endedAt());
        row(h, "stopped because", run.stopReason());
        row(h, "requests sent / failed", run.requestsSent() + " / " + run.requestsFailed()
                + (run.requestBoundReached() ? " (the request bound was reached)" : ""));
        row(h, "command line", run.commandLine());
        row(h, "machine", run.machine().hostName() + ": " + run.machine().cores() + " cores, "
                + run.machine().memoryMiB() + " MiB, " + run.machine().os() + ", " + run.machine().jvm());
        row(h, "versions", String.valueOf(run.versions()));
        h.append("</table>\n");

        var c = r.counts();
        h.append("<section><h2>Tasks</h2><table><tr><th>accepted (RunTask, rules)</th><th>seen</th><th>placed</th><th>RUNNING</th>")
                .append("<th>STOPPED</th><th>unplaced</th><th>unsettled at end</th></tr><tr>");
        for (long v : new long[]{c.accepted(), c.seen(), c.placed(), c.running(), c.stopped(), c.unplaced(), c.unsettledAtEnd()}) {
            h.append("<td>").append(v).append("</td>");
        }
        h.append("</tr></table></section>\n");

        var rates = r.rates();
        h.append("<section><h2>Throughput</h2>").append(SvgCharts.lineChart("Tasks placed and RUNNING per second",
                "seconds since start", "tasks / s", List.of(
                        new SvgCharts.Series("placed / s", toDouble(rates.placedPerSecond())),
                        new SvgCharts.Series("RUNNING / s", toDouble(rates.runningPerSecond())))));
        h.append(String.format(Locale.ROOT, "<p>placed: peak %d/s, mean %.1f/s; RUNNING: peak %d/s, mean %.1f/s</p></section>\n",
                rates.peakPlacedPerSecond(), rates.meanPlacedPerSecond(), rates.peakRunningPerSecond(), rates.meanRunningPerSecond()));

        if (r.cpuByProcess() != null) {
            cpuSection(h, r.cpuByProcess());
        }

        h.append("<section><h2>Latency</h2><p>From a task's acceptance (the RunTask answer's createdAt, or the createdAt of a task an event rule ran) to the scheduler's placement report and to the agent's RUNNING.</p><table><tr><th class=\"l\"></th><th>count</th><th>p50 ms</th><th>p90 ms</th>")
                .append("<th>p99 ms</th><th>max ms</th><th>mean ms</th></tr>");
        latencyRow(h, "accepted → placed", r.latency().acceptedToPlaced());
        latencyRow(h, "accepted → RUNNING", r.latency().acceptedToRunning());
        h.append("</table>\n");
        h.append(SvgCharts.histogramWithCdf("accepted → placed", r.latency().acceptedToPlaced().sortedMillis()));
        h.append(SvgCharts.histogramWithCdf("accepted → RUNNING", r.latency().acceptedToRunning().sortedMillis()));
        h.append("</section>\n");

        h.append("<section><h2>Scheduler lag</h2>");
        List<LagSample> lag = r.schedulerLag();
        double[] requestLag = lag.stream().mapToDouble(s -> Math.max(0, s.requestLag())).toArray();
        double[] oldest = lag.stream().mapToDouble(s -> s.oldestUnplacedMillis() / 1000.0).toArray();
        h.append(SvgCharts.lineChart("Scheduler backlog on task-requests (messages)", "seconds since start",
                "messages", List.of(new SvgCharts.Series("consumer-group lag", requestLag))));
        h.append(SvgCharts.lineChart("Oldest accepted task not yet placed", "seconds since start",
                "seconds", List.of(new SvgCharts.Series("age of oldest unplaced", oldest))));
        h.append("<p>The backlog is the scheduler group's committed offset behind the partition's end; the scheduler ")
                .append("commits every few seconds, so part of it is commit delay. The age of the oldest unplaced task is the ")
                .append("user's view of the same lag.</p>");
        h.append("<p>max lag ").append(r.maxSchedulerLag()).append(" messages; oldest unplaced at most ")
                .append(r.maxOldestUnplacedMillis()).append(" ms</p></section>\n");

        var u = r.utilization();
        h.append("<section><h2>Utilization and stranded capacity</h2>");
        h.append(SvgCharts.shareBars("Allocated share of registered capacity", "seconds since start", List.of(
                new SvgCharts.Series("cpu", u.cpuShare()), new SvgCharts.Series("memory", u.memoryShare()))));
        h.append("<table>");
        row(h, "instances", Integer.toString(u.instances()));
        row(h, "registered cpu / memory", u.registeredCpu() + " units / " + u.registeredMemory() + " MiB");
        row(h, "peak allocated cpu / memory (at second " + u.peakSecond() + ")",
                u.peakAllocatedCpu() + " / " + u.peakAllocatedMemory());
        row(h, "stranded free cpu / memory at peak", pct(u.strandedCpuShare()) + " / " + pct(u.strandedMemoryShare())
                + " of free capacity (on " + u.instancesWithStrandedCapacity() + " instances where the smallest task fits no more)");
        row(h, "instances full at peak", Integer.toString(u.instancesFull()));
        h.append("</table></section>\n");

        h.append("<section><h2>Unplaced tasks by reason</h2>");
        table(h, "reason", "tasks", r.unplacedByReason());
        h.append("</section>\n");

        h.append("<section><h2>Spread per service (tasks per availability zone at the end)</h2>");
        if (r.serviceSpread().isEmpty()) {
            h.append("<p>no service tasks held at the end</p>");
        }
        for (SpreadBalance.ServiceSpread s : r.serviceSpread().values()) {
            h.append("<h3>").append(escape(s.service())).append(" — imbalance (max − min) ").append(s.imbalance()).append("</h3>");
            table(h, "zone", "tasks", s.tasksPerZone());
        }
        h.append("</section>\n");

        h.append("<section><h2>Invariants</h2><table><tr><th class=\"l\">invariant</th><th class=\"l\">verdict</th>")
                .append("<th>checked</th><th>violations</th></tr>");
        for (InvariantResult inv : r.invariants()) {
            h.append("<tr><td class=\"l\" title=\"").append(escape(inv.description())).append("\">").append(escape(inv.name()))
                    .append("</td><td class=\"l\">").append(inv.held() ? "<span class=\"ok\">held</span>" : "<span class=\"bad\">violated</span>")
                    .append("</td><td>").append(inv.checked()).append("</td><td>").append(inv.violations()).append("</td></tr>");
        }
        h.append("</table>");
        for (InvariantResult inv : r.invariants()) {
            if (!inv.examples().isEmpty()) {
                h.append("<h3>").append(escape(inv.name())).append(": examples</h3><ul>");
                inv.examples().forEach(e -> h.append("<li>").append(escape(e)).append("</li>"));
                h.append("</ul>");
            }
        }
        h.append("</section>\n<section><h2>Scenario</h2><pre>").append(escape(run.scenarioSource())).append("</pre></section>\n");
        return h.append("</body></html>\n").toString();
    }

    /** Who used the CPU during the workload, one line per component, and the machine's total as the ceiling's measure. */
    private static void cpuSection(StringBuilder h, CpuByProcess.Result cpu) {
        List<SvgCharts.Series> series = new ArrayList<>();
        cpu.components().entrySet().stream().limit(CPU_CHART_SERIES)
                .forEach(e -> series.add(new SvgCharts.Series(e.getKey(), e.getValue().percentPerSecond())));
        double[] machine = cpu.machineBusyPercentPerSecond().clone();
        for (int i = 0; i < machine.length; i++) {
            machine[i] *= cpu.cores(); // on the chart's scale: % of one core
        }
        series.add(new SvgCharts.Series("machine (all processes)", machine));
        h.append("<section><h2>CPU by process</h2>").append(SvgCharts.lineChart("CPU by process",
                "seconds since start", "% of one core (" + cpu.cores() + " cores = " + cpu.cores() * 100 + "%)", series));
        h.append("<table><tr><th class=\"l\">component</th><th>mean % of one core</th><th>mean cores</th><th>peak % of one core</th></tr>");
        cpu.components().forEach((name, c) -> h.append("<tr><td class=\"l\">").append(escape(name)).append("</td><td>")
                .append(String.format(Locale.ROOT, "%.1f</td><td>%.2f</td><td>%.1f", c.meanPercent(), c.meanCores(), c.peakPercent()))
                .append("</td></tr>"));
        h.append(String.format(Locale.ROOT, "<tr><th class=\"l\">machine busy</th><td>%.1f</td><td>%.2f</td><td>%.1f</td></tr></table>",
                cpu.machineBusyPercent() * cpu.cores(), cpu.machineBusyPercent() * cpu.cores() / 100,
                cpu.machineBusyPeakPercent() * cpu.cores()));
        h.append("<p>From /proc: each process's user + system time, summed by component, once a second during the workload; ")
                .append("<i>other</i> is the rest of the machine's busy time (other programs, the kernel, processes too short-lived ")
                .append("to sample). The machine was ").append(String.format(Locale.ROOT, "%.0f%%", cpu.machineBusyPercent()))
                .append(" busy on average.</p></section>\n");
    }

    private static void latencyRow(StringBuilder h, String name, LatencySummary s) {
        h.append("<tr><td class=\"l\">").append(escape(name)).append("</td><td>").append(s.count()).append("</td><td>")
                .append(s.p50()).append("</td><td>").append(s.p90()).append("</td><td>").append(s.p99()).append("</td><td>")
                .append(s.max()).append("</td><td>").append(String.format(Locale.ROOT, "%.1f", s.mean())).append("</td></tr>");
    }

    private static void row(StringBuilder h, String name, String value) {
        h.append("<tr><th class=\"l\">").append(escape(name)).append("</th><td class=\"l\">").append(escape(value)).append("</td></tr>");
    }

    private static void table(StringBuilder h, String key, String value, Map<String, ? extends Number> rows) {
        if (rows.isEmpty()) {
            h.append("<p>none</p>");
            return;
        }
        h.append("<table><tr><th class=\"l\">").append(key).append("</th><th>").append(value).append("</th></tr>");
        rows.forEach((k, v) -> h.append("<tr><td class=\"l\">").append(escape(k)).append("</td><td>").append(v).append("</td></tr>"));
        h.append("</table>");
    }

    private static double[] toDouble(long[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }

    static String pct(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '<': out.append("&lt;"); break;
                case '>': out.append("&gt;"); break;
                case '&': out.append("&amp;"); break;
                case '"': out.append("&quot;"); break;
                default: out.append(ch);
            }
        }
        return out.toString();
    }
}
