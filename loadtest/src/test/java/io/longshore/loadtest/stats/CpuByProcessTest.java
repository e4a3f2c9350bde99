package io.longshore.loadtest.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.longshore.loadtest.recording.CpuSample;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CpuByProcessTest {

    private static CpuSample sample(double seconds, double machineBusyCores, Map<String, Double> cores) {
        return new CpuSample(Instant.EPOCH, seconds, cores, machineBusyCores, 2);
    }

    @Test
    void sharesPerComponentWithTheRestAsOther() {
        CpuByProcess.Result r = CpuByProcess.summarise(List.of(
                sample(1, 1.9, Map.of("control-plane", 1.2, "kafka", 0.3)),
                sample(1, 1.8, Map.of("control-plane", 1.0, "kafka", 0.5, "scheduler", 0.1)),
                sample(2, 1.9, Map.of("control-plane", 1.0, "kafka", 0.3)))); // a late reading covers two seconds
        assertThat(r.cores()).isEqualTo(2);
        assertThat(r.components()).containsOnlyKeys("control-plane", "kafka", "other", "scheduler");
        assertThat(List.copyOf(r.components().keySet())).containsExactly("control-plane", "other", "kafka", "scheduler");
        CpuByProcess.ComponentCpu cp = r.components().get("control-plane");
        assertThat(cp.meanPercent()).isEqualTo(105.0); // (120 + 100 + 2 × 100) / 4 s
        assertThat(cp.peakPercent()).isEqualTo(120.0);
        assertThat(cp.percentPerSecond()).containsExactly(120.0, 100.0, 100.0);
        assertThat(r.components().get("scheduler").percentPerSecond()).containsExactly(0.0, 10.0, 0.0); // absent = idle
        assertThat(r.components().get("other").percentPerSecond()).containsExactly(40.0, 20.0, 60.0);
        assertThat(r.machineBusyPercent()).isCloseTo(93.75, within(0.06)); // 1.875 of 2 cores
        assertThat(r.machineBusyPeakPercent()).isEqualTo(95.0);
        assertThat(r.machineBusyPercentPerSecond()).containsExactly(95.0, 90.0, 95.0);
        assertThat(r.busiest()).isEqualTo("control-plane");
        assertThat(r.capNote()).startsWith("control-plane used 1.05 of 2 cores (56% of the machine's busy time)")
                .contains("the machine was 94% busy").contains("saturated");
    }

    @Test
    void otherIsNeverBelowZeroNorTheBusiest() {
        CpuByProcess.Result r = CpuByProcess.summarise(List.of(sample(1, 0.5, Map.of("agent-a", 0.1, "registry", 0.45))));
        assertThat(r.components().get("other").meanPercent()).isZero();
        assertThat(r.busiest()).isEqualTo("registry");
        CpuByProcess.Result onlyOther = CpuByProcess.summarise(List.of(sample(1, 1.5, Map.of())));
        assertThat(onlyOther.busiest()).isNull();
        assertThat(onlyOther.capNote()).isEqualTo("no Longshore process was found on this machine; it was 75% busy");
    }

    @Test
    void noSamplesNoFigure() {
        assertThat(CpuByProcess.summarise(List.of())).isNull();
    }

    @Test
    void capNoteNamesTheCapWhenTheMachineIsSaturated() {
        Map<String, Double> cores = new LinkedHashMap<>();
        cores.put("control-plane", 1.06);
        cores.put("kafka", 0.40);
        cores.put("other", 0.25);
        cores.put("scheduler", 0.19);
        assertThat(CpuByProcess.capNote(cores, "control-plane", 1.90, 2)).isEqualTo(
                "control-plane used 1.06 of 2 cores (56% of the machine's busy time) while the machine was 95% busy: "
                        + "the machine is saturated and control-plane caps throughput (next: kafka 0.40, other 0.25 cores)");
        assertThat(CpuByProcess.capNote(cores, "control-plane", 1.80, 2)).contains("90% busy: the machine is saturated");
    }

    @Test
    void aSaturatedMachineWithoutADominantComponentSaysSo() {
        Map<String, Double> cores = new LinkedHashMap<>();
        cores.put("kafka", 0.38);
        cores.put("control-plane", 0.34);
        cores.put("fleet", 0.34);
        assertThat(CpuByProcess.capNote(cores, "kafka", 1.96, 2)).isEqualTo(
                "kafka used 0.38 of 2 cores (19% of the machine's busy time) while the machine was 98% busy: the machine "
                        + "is saturated and no single component dominates: every one would have to do less "
                        + "(next: control-plane 0.34, fleet 0.34 cores)");
    }

    @Test
    void capNoteSaysNoCapBelowNinetyPercent() {
        Map<String, Double> cores = new LinkedHashMap<>();
        cores.put("scheduler", 0.62);
        cores.put("kafka", 0.20);
        assertThat(CpuByProcess.capNote(cores, "scheduler", 1.0, 2)).isEqualTo(
                "no CPU cap was seen: the machine was 50% busy; scheduler used 0.62 of 2 cores (62% of the machine's busy time)");
        cores.put("scheduler", 0.98);
        assertThat(CpuByProcess.capNote(cores, "scheduler", 1.4, 4)).startsWith("no CPU cap was seen: the machine was 35% busy")
                .endsWith("; it held about one core, which caps it if its work runs on one thread");
    }
}
