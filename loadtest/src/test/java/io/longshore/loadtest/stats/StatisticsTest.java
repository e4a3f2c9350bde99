package io.longshore.loadtest.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.longshore.loadtest.Fixtures;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class StatisticsTest {

    @Test
    void tasksFirstReportedAfterTheEndAreLeftOut() {
        var events = Fixtures.cluster()
                .placed("early", "i-1", 1, 1, "g", 100).placed("late", "i-1", 1, 1, "g", 2_500)
                .running("early", "i-1", 1, 1, "g", 2_600) // a late report of an early task stays
                .recording().taskEvents();
        var kept = io.longshore.loadtest.recording.RecordingWindow.tasksStartedBy(events, Fixtures.T0.plusSeconds(2));
        assertThat(kept).extracting(e -> e.change().taskId()).containsExactly("early", "early");
    }

    @Test
    void percentilesByNearestRank() {
        List<Long> samples = new ArrayList<>();
        LongStream.rangeClosed(1, 100).forEach(samples::add);
        java.util.Collections.shuffle(samples, new java.util.Random(1));
        LatencySummary s = LatencySummary.of(samples);
        assertThat(s.count()).isEqualTo(100);
        assertThat(s.p50()).isEqualTo(50);
        assertThat(s.p90()).isEqualTo(90);
        assertThat(s.p99()).isEqualTo(99);
        assertThat(s.max()).isEqualTo(100);
        assertThat(s.mean()).isCloseTo(50.5, within(1e-9));
    }

    @Test
    void percentilesOfFewAndNoSamples() {
        LatencySummary one = LatencySummary.of(List.of(7L));
        assertThat(List.of(one.p50(), one.p90(), one.p99(), one.max())).containsOnly(7L);
        LatencySummary none = LatencySummary.of(List.of());
        assertThat(none.count()).isZero();
        assertThat(none.max()).isZero();
        LatencySummary skewed = LatencySummary.of(List.of(1L, 1L, 1L, 1L, 1L, 1L, 1L, 1L, 1L, 1000L));
        assertThat(skewed.p50()).isEqualTo(1);
        assertThat(skewed.p90()).isEqualTo(1);
        assertThat(skewed.p99()).isEqualTo(1000);
    }

    @Test
    void perSecondBuckets() {
        Instant t0 = Fixtures.T0;
        long[] counts = TimeSeries.perSecond(List.of(t0, t0.plusMillis(999), t0.plusMillis(1000), t0.plusMillis(2500),
                t0.minusMillis(3), t0.plusSeconds(10)), t0, 3);
        assertThat(counts).containsExactly(3, 1, 1); // the early one counts in the first second; the late one is past the end
        assertThat(TimeSeries.secondsBetween(t0, t0.plusMillis(2001))).isEqualTo(3);
        assertThat(TimeSeries.max(counts)).isEqualTo(3);
        assertThat(TimeSeries.mean(counts)).isCloseTo(5 / 3.0, within(1e-9));
    }

    @Test
    void utilizationFollowsPlacementsAndStops() {
        var recording = Fixtures.cluster().instance("i-1", 1000, 1000, "a").instance("i-2", 1000, 1000, "b")
                .placed("t1", "i-1", 500, 250, "g", 100)
                .placed("t2", "i-2", 500, 250, "g", 1_200)
                .stopped("t1", "i-1", 500, 250, "g", 3_500)
                .recording(5_000);
        var r = CapacityAnalysis.analyse(recording, 5, 100, 100);
        assertThat(r.registeredCpu()).isEqualTo(2000);
        assertThat(r.cpuShare()).containsExactly(0.25, 0.5, 0.5, 0.25, 0.25);
        assertThat(r.memoryShare()[1]).isCloseTo(0.25, within(1e-9));
        assertThat(r.peakAllocatedCpu()).isEqualTo(1000);
        assertThat(r.peakSecond()).isEqualTo(1);
    }

    @Test
    void strandedCapacityIsFreeCapacityWhereTheSmallestTaskNoLongerFits() {
        // i-1: cpu full, 600 MiB free that no task (needs 256 cpu) can use; i-2: empty, all usable
        var recording = Fixtures.cluster().instance("i-1", 1024, 1024, "a").instance("i-2", 1024, 1024, "b")
                .placed("t1", "i-1", 1024, 424, "g", 0).recording(1_000);
        var r = CapacityAnalysis.analyse(recording, 1, 256, 256);
        assertThat(r.strandedMemoryShare()).isCloseTo(600.0 / (600 + 1024), within(1e-9));
        assertThat(r.strandedCpuShare()).isZero(); // no free cpu on i-1
        assertThat(r.instancesWithStrandedCapacity()).isEqualTo(1);
        assertThat(r.instancesFull()).isZero();
    }

    @Test
    void spreadPerServiceCountsZonesThatGotNone() {
        var recording = Fixtures.cluster().instance("i-1", 4096, 4096, "a").instance("i-2", 4096, 4096, "b")
                .instance("i-3", 4096, 4096, "c")
                .placed("s1", "i-1", 1, 1, "service:web", 0).placed("s2", "i-1", 1, 1, "service:web", 1)
                .placed("s3", "i-2", 1, 1, "service:web", 2)
                .placed("s4", "i-2", 1, 1, "service:web", 3).stopped("s4", "i-2", 1, 1, "service:web", 4)
                .placed("b1", "i-3", 1, 1, "service:batch", 5)
                .placed("x", "i-3", 1, 1, "family:other", 6)
                .recording();
        var spread = SpreadBalance.atEnd(recording);
        assertThat(spread).containsOnlyKeys("web", "batch");
        assertThat(spread.get("web").tasksPerZone()).containsEntry("a", 2).containsEntry("b", 1).containsEntry("c", 0);
        assertThat(spread.get("web").imbalance()).isEqualTo(2);
        assertThat(spread.get("batch").imbalance()).isEqualTo(1);
    }
}
