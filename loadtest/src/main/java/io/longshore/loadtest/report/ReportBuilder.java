package io.longshore.loadtest.report;

import io.longshore.loadtest.invariant.InvariantChecks;
import io.longshore.loadtest.invariant.InvariantResult;
import io.longshore.loadtest.recording.AcceptedTask;
import io.longshore.loadtest.recording.LagSample;
import io.longshore.loadtest.recording.Recording;
import io.longshore.loadtest.recording.TaskTimeline;
import io.longshore.loadtest.scenario.Scenario;
import io.longshore.loadtest.stats.CapacityAnalysis;
import io.longshore.loadtest.stats.CpuByProcess;
import io.longshore.loadtest.stats.LatencySummary;
import io.longshore.loadtest.stats.SpreadBalance;
import io.longshore.loadtest.stats.TimeSeries;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Turns a recording and the invariants' verdicts into the report's figures (pure). */
public final class ReportBuilder {
    private ReportBuilder() {
    }

    public static LoadtestReport build(RunInfo run, Scenario scenario, Recording recording,
                                       List<InvariantResult> invariants) {
        Map<String, TaskTimeline> timelines = TaskTimeline.of(recording.taskEvents());
        int seconds = TimeSeries.secondsBetween(recording.start(), recording.end());

        List<Instant> placed = new ArrayList<>();
        List<Instant> running = new ArrayList<>();
        long stopped = 0;
        Map<String, Long> unplaced = new TreeMap<>();
        for (TaskTimeline t : timelines.values()) {
            t.placedAt().ifPresent(placed::add);
            t.runningAt().ifPresent(running::add);
            if (t.stoppedAt().isPresent()) {
                stopped++;
            }
            t.unplacedReason().ifPresent(r -> unplaced.merge(r, 1L, Long::sum));
        }
        recording.apiFailures().forEach((reason, n) -> unplaced.merge("RunTask failure: " + reason, n, Long::sum));
        recording.waitingAtEnd().forEach((task, reason) -> unplaced.merge("waiting at end: " + reason, 1L, Long::sum));

        List<Long> toPlaced = new ArrayList<>();
        List<Long> toRunning = new ArrayList<>();
        for (AcceptedTask a : recording.accepted()) {
            TaskTimeline t = timelines.get(a.taskId());
            if (t == null) {
                continue;
            }
            t.placedAt().ifPresent(p -> toPlaced.add(Math.max(0, Duration.between(a.acceptedAt(), p).toMillis())));
            t.runningAt().ifPresent(r -> toRunning.add(Math.max(0, Duration.between(a.acceptedAt(), r).toMillis())));
        }

        long[] placedPerSecond = TimeSeries.perSecond(placed, recording.start(), seconds);
        long[] runningPerSecond = TimeSeries.perSecond(running, recording.start(), seconds);
        int smallestCpu = scenario.taskDefinitions().stream().mapToInt(Scenario.TaskDefinitionPlan::shapeCpu).min().orElse(0);
        int smallestMemory = scenario.taskDefinitions().stream().mapToInt(Scenario.TaskDefinitionPlan::shapeMemory).min().orElse(0);
        CapacityAnalysis.Result capacity = CapacityAnalysis.analyse(recording, seconds, smallestCpu, smallestMemory);

        long maxLag = recording.lag().stream().mapToLong(LagSample::requestLag).max().orElse(0);
        long maxOldest = recording.lag().stream().mapToLong(LagSample::oldestUnplacedMillis).max().orElse(0);
        long unsettled = TaskTimeline.unsettled(timelines.values()).size();
        long unplacedTotal = unplaced.values().stream().mapToLong(Long::longValue).sum();

        return new LoadtestReport(run,
                new LoadtestReport.Counts(recording.accepted().size(), timelines.size(), placed.size(), running.size(),
                        stopped, unplacedTotal, unsettled),
                new LoadtestReport.Rates(placedPerSecond, runningPerSecond, TimeSeries.max(placedPerSecond),
                        TimeSeries.mean(placedPerSecond), TimeSeries.max(runningPerSecond), TimeSeries.mean(runningPerSecond)),
                new LoadtestReport.Latencies(LatencySummary.of(toPlaced), LatencySummary.of(toRunning)),
                unplaced, recording.lag(), maxLag, maxOldest, capacity,
                CpuByProcess.summarise(recording.cpu()), SpreadBalance.atEnd(recording), invariants,
                InvariantChecks.allHeld(invariants));
    }
}
