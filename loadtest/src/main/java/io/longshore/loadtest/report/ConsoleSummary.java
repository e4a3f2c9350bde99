package io.longshore.loadtest.report;

import io.longshore.loadtest.invariant.InvariantResult;
import io.longshore.loadtest.stats.CpuByProcess;
import java.util.Locale;

/** The few lines printed at the end of a run. */
public final class ConsoleSummary {
    private ConsoleSummary() {
    }

    public static String render(LoadtestReport r, String resultsDir) {
        StringBuilder s = new StringBuilder();
        var c = r.counts();
        var run = r.run();
        s.append(String.format(Locale.ROOT, "scenario %s on cluster %s: %s after %ds (%d requests, %d failed)%n",
                run.scenarioName(), run.cluster(), run.stopReason(),
                java.time.Duration.between(run.startedAt(), run.endedAt()).toSeconds(), run.requestsSent(), run.requestsFailed()));
        s.append(String.format(Locale.ROOT, "tasks: %d accepted, %d seen, %d placed, %d RUNNING, %d STOPPED, %d unplaced, %d unsettled%n",
                c.accepted(), c.seen(), c.placed(), c.running(), c.stopped(), c.unplaced(), c.unsettledAtEnd()));
        s.append(String.format(Locale.ROOT, "placed/s peak %d mean %.1f; RUNNING/s peak %d mean %.1f%n",
                r.rates().peakPlacedPerSecond(), r.rates().meanPlacedPerSecond(), r.rates().peakRunningPerSecond(),
                r.rates().meanRunningPerSecond()));
        var p = r.latency().acceptedToPlaced();
        var q = r.latency().acceptedToRunning();
        s.append(String.format(Locale.ROOT, "accepted->placed  ms p50 %d p90 %d p99 %d max %d (n=%d)%n", p.p50(), p.p90(), p.p99(), p.max(), p.count()));
        s.append(String.format(Locale.ROOT, "accepted->RUNNING ms p50 %d p90 %d p99 %d max %d (n=%d)%n", q.p50(), q.p90(), q.p99(), q.max(), q.count()));
        s.append(String.format(Locale.ROOT, "stranded capacity at peak: cpu %s, memory %s; max scheduler lag %d%n",
                HtmlReport.pct(r.utilization().strandedCpuShare()), HtmlReport.pct(r.utilization().strandedMemoryShare()),
                r.maxSchedulerLag()));
        if (r.cpuByProcess() != null) {
            s.append(cpuLine(r.cpuByProcess())).append(System.lineSeparator());
        }
        if (!r.unplacedByReason().isEmpty()) {
            s.append("unplaced: ").append(r.unplacedByReason()).append(System.lineSeparator());
        }
        for (InvariantResult inv : r.invariants()) {
            s.append(String.format(Locale.ROOT, "  %-20s %s (%d checked, %d violations)%n", inv.name(),
                    inv.held() ? "held" : "VIOLATED", inv.checked(), inv.violations()));
            if (!inv.held() && !inv.examples().isEmpty()) {
                s.append("      e.g. ").append(inv.examples().get(0)).append(System.lineSeparator());
            }
        }
        s.append("report: ").append(resultsDir).append("/report.html").append(System.lineSeparator());
        return s.toString();
    }

    /** The three heaviest users of the CPU: enough to see at a glance which part to look at. */
    static String cpuLine(CpuByProcess.Result cpu) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "cpu (mean cores of %d, machine %.0f%% busy):",
                cpu.cores(), cpu.machineBusyPercent()));
        cpu.components().entrySet().stream().limit(3).forEach(e ->
                line.append(String.format(Locale.ROOT, " %s %.2f", e.getKey(), e.getValue().meanCores())));
        return line.toString();
    }
}
