package io.longshore.loadtest.report;

import io.longshore.loadtest.invariant.InvariantResult;
import io.longshore.loadtest.recording.LagSample;
import io.longshore.loadtest.stats.CapacityAnalysis;
import io.longshore.loadtest.stats.CpuByProcess;
import io.longshore.loadtest.stats.LatencySummary;
import io.longshore.loadtest.stats.SpreadBalance;
import java.util.List;
import java.util.Map;

/**
 * A run's figures: what report.json holds and report.html draws.
 *
 * @param cpuByProcess null where /proc could not be read (the figure is then left out)
 */
public record LoadtestReport(
        RunInfo run,
        Counts counts,
        Rates rates,
        Latencies latency,
        Map<String, Long> unplacedByReason,
        List<LagSample> schedulerLag,
        long maxSchedulerLag,
        long maxOldestUnplacedMillis,
        CapacityAnalysis.Result utilization,
        CpuByProcess.Result cpuByProcess,
        Map<String, SpreadBalance.ServiceSpread> serviceSpread,
        List<InvariantResult> invariants,
        boolean invariantsHeld) {

    /** Tasks by what happened to them; {@code seen} counts every task of the cluster, services' and events' too. */
    public record Counts(long accepted, long seen, long placed, long running, long stopped, long unplaced,
                         long unsettledAtEnd) {
    }

    /** Per second from the run's start. */
    public record Rates(long[] placedPerSecond, long[] runningPerSecond, long peakPlacedPerSecond,
                        double meanPlacedPerSecond, long peakRunningPerSecond, double meanRunningPerSecond) {
    }

    /** From the RunTask answer's createdAt (else send time) to the first placement report, and to RUNNING. */
    public record Latencies(LatencySummary acceptedToPlaced, LatencySummary acceptedToRunning) {
    }
}
