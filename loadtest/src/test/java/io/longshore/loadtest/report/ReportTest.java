package io.longshore.loadtest.report;

import static io.longshore.loadtest.Fixtures.memberOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.longshore.common.messaging.Json;
import io.longshore.loadtest.Fixtures;
import io.longshore.loadtest.invariant.InvariantChecks;
import io.longshore.loadtest.recording.Recording;
import io.longshore.loadtest.scenario.InvariantName;
import io.longshore.loadtest.scenario.Scenario;
import io.longshore.loadtest.scenario.ScenarioLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
    private static final Scenario SMOKE = ScenarioLoader.load(ScenarioLoader.resolve("smoke", List.of(Path.of("scenarios"))));

    /** Three RunTask tasks (one unplaced), a service task, and a placement that breaks its memberOf. */
    private static Recording recording() {
        return Fixtures.cluster().instance("i-1", 4096, 8192, "local-a").instance("i-2", 4096, 8192, "local-b")
                .accepted("t1", 0).accepted("t2", 0).accepted("t3", 500, memberOf("attribute:ecs.availability-zone == local-a"))
                .placed("t1", "i-1", 256, 512, "family:smoke-short", 40).running("t1", "i-1", 256, 512, "family:smoke-short", 90)
                .placed("t2", "i-2", 256, 512, "family:smoke-short", 1_100).running("t2", "i-2", 256, 512, "family:smoke-short", 1_300)
                .unplaced("t4", "RESOURCE:MEMORY", 1_400)
                .placed("t3", "i-2", 256, 512, "family:smoke-short", 2_000)
                .stopped("t3", "i-2", 256, 512, "family:smoke-short", 2_600)
                .placed("s1", "i-1", 128, 256, "service:web", 2_100).running("s1", "i-1", 128, 256, "service:web", 2_200)
                .lag(0, 0, 0).lag(1_000, 12, 300).lag(2_000, 3, 0)
                .cpu(1_000, 2, 1.9, "control-plane", 1.1, "kafka", 0.4, "scheduler", 0.1)
                .cpu(2_000, 2, 1.9, "control-plane", 1.0, "kafka", 0.5, "scheduler", 0.1)
                .recording(3_000);
    }

    private static LoadtestReport report() {
        Recording recording = recording();
        RunInfo info = new RunInfo("20261207-120000", "smoke", "test", "name: smoke\n", "smoke-20261207-120000",
                "loadtest --scenario smoke", Fixtures.T0, recording.end(), "settled", 10, 1, false,
                new RunInfo.Machine("host", 2, 24_000, "Linux", "OpenJDK 17"), Map.of("java", "17"));
        return ReportBuilder.build(info, SMOKE, recording,
                InvariantChecks.check(EnumSet.allOf(InvariantName.class), recording));
    }

    @Test
    void figuresComeFromTheRecording() {
        LoadtestReport r = report();
        assertThat(r.counts().accepted()).isEqualTo(3);
        assertThat(r.counts().seen()).isEqualTo(5);
        assertThat(r.counts().placed()).isEqualTo(4);
        assertThat(r.counts().running()).isEqualTo(3);
        assertThat(r.counts().unsettledAtEnd()).isZero();
        assertThat(r.rates().placedPerSecond()).containsExactly(1, 1, 2);
        assertThat(r.rates().runningPerSecond()).containsExactly(1, 1, 1);
        assertThat(r.latency().acceptedToPlaced().count()).isEqualTo(3);
        assertThat(r.latency().acceptedToPlaced().max()).isEqualTo(1_500); // t3: accepted at 500, placed at 2000
        assertThat(r.latency().acceptedToRunning().p50()).isEqualTo(90);
        assertThat(r.unplacedByReason()).containsEntry("RESOURCE:MEMORY", 1L);
        assertThat(r.maxSchedulerLag()).isEqualTo(12);
        assertThat(r.serviceSpread().get("web").imbalance()).isEqualTo(1);
        assertThat(r.invariantsHeld()).isFalse(); // t3 on local-b broke its memberOf
        assertThat(r.invariants()).filteredOn(i -> !i.held()).extracting(i -> i.name()).containsExactly("constraintsHeld");
        assertThat(r.cpuByProcess().busiest()).isEqualTo("control-plane");
        assertThat(r.cpuByProcess().components().get("control-plane").meanPercent()).isEqualTo(105.0);
    }

    @Test
    void withoutCpuSamplesTheFigureIsAbsent() throws Exception {
        Recording recording = Fixtures.cluster().recording(1_000);
        RunInfo info = new RunInfo("r", "smoke", "", "", "c", "loadtest", Fixtures.T0, recording.end(), "settled", 0, 0, false,
                new RunInfo.Machine("host", 2, 24_000, "Linux", "OpenJDK 17"), Map.of());
        LoadtestReport r = ReportBuilder.build(info, SMOKE, recording, List.of());
        assertThat(r.cpuByProcess()).isNull();
        assertThat(Json.MAPPER.readTree(ReportWriter.json(r)).has("cpuByProcess")).isFalse();
        assertThat(HtmlReport.render(r)).doesNotContain("CPU by process");
        assertThat(ConsoleSummary.render(r, "x")).doesNotContain("cpu (");
    }

    @Test
    void jsonHasTheFigures() throws Exception {
        JsonNode json = Json.MAPPER.readTree(ReportWriter.json(report()));
        assertThat(json.path("run").path("scenarioName").asText()).isEqualTo("smoke");
        assertThat(json.path("run").path("machine").path("cores").asInt()).isEqualTo(2);
        assertThat(json.path("counts").path("placed").asInt()).isEqualTo(4);
        assertThat(json.path("rates").path("placedPerSecond").size()).isEqualTo(3);
        assertThat(json.path("latency").path("acceptedToPlaced").path("p99").asLong()).isEqualTo(1_500);
        assertThat(json.path("latency").path("acceptedToPlaced").has("sortedMillis")).isFalse();
        assertThat(json.path("unplacedByReason").path("RESOURCE:MEMORY").asInt()).isEqualTo(1);
        assertThat(json.path("schedulerLag").size()).isEqualTo(3);
        assertThat(json.path("utilization").path("cpuShare").size()).isEqualTo(3);
        assertThat(json.path("utilization").has("strandedMemoryShare")).isTrue();
        assertThat(json.path("serviceSpread").path("web").path("tasksPerZone").path("local-a").asInt()).isEqualTo(1);
        assertThat(json.path("invariants").size()).isEqualTo(4);
        assertThat(json.path("invariants").get(1).path("examples").get(0).asText()).contains("t3");
        assertThat(json.path("invariantsHeld").asBoolean()).isFalse();
        JsonNode cpu = json.path("cpuByProcess");
        assertThat(cpu.path("cores").asInt()).isEqualTo(2);
        assertThat(cpu.path("machineBusyPercent").asDouble()).isEqualTo(95.0);
        assertThat(cpu.path("busiest").asText()).isEqualTo("control-plane");
        assertThat(cpu.path("components").path("control-plane").path("peakPercent").asDouble()).isEqualTo(110.0);
        assertThat(cpu.path("components").path("other").path("percentPerSecond").size()).isEqualTo(2);
        assertThat(cpu.path("capNote").asText()).startsWith("control-plane used 1.05 of 2 cores").contains("saturated");
    }

    @Test
    void htmlIsSelfContainedWithAnSvgPerChart() {
        String html = HtmlReport.render(report());
        // rates, CPU by process, two latency histograms, lag, oldest-unplaced, utilization
        assertThat(html.split("<svg ", -1).length - 1).isEqualTo(7);
        assertThat(html).contains("CPU by process").contains("<b>CPU:</b> control-plane used 1.05 of 2 cores")
                .contains("machine (all processes)");
        assertThat(html).contains("<polyline").contains("<rect").contains("accepted → placed")
                .contains("invariant violated").contains("constraintsHeld").contains("RESOURCE:MEMORY");
        assertThat(html).doesNotContain("<script").doesNotContain("src=").doesNotContain("href=")
                .doesNotContain("<link");
        assertThat(html.replace("http://www.w3.org/2000/svg", "")).doesNotContain("http://").doesNotContain("https://");
    }

    @Test
    void htmlEscapesWhatItQuotes() {
        assertThat(HtmlReport.escape("<a href=\"x\">&</a>")).isEqualTo("&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;");
    }

    @Test
    void writesBothFiles(@TempDir Path dir) throws Exception {
        ReportWriter.write(report(), dir.resolve("results"));
        assertThat(Files.readString(dir.resolve("results/report.json"))).contains("\"placedPerSecond\"");
        assertThat(Files.readString(dir.resolve("results/report.html"))).startsWith("<!DOCTYPE html>");
    }

    @Test
    void consoleSummaryAndProgressLine() {
        String summary = ConsoleSummary.render(report(), "results/x");
        assertThat(summary).contains("tasks: 3 accepted").contains("constraintsHeld").contains("VIOLATED")
                .contains("results/x/report.html")
                .contains("cpu (mean cores of 2, machine 95% busy): control-plane 1.05 kafka 0.45 other 0.30");
        String line = ProgressLine.render(0.5, 12, 100, 90, 80, 5, 7.5);
        assertThat(line).startsWith("\r[############............]").contains("accepted 100").contains("placed 90")
                .contains("running 80").contains("stopped 5").contains("8 placed/s");
    }

    @Test
    void chartsStayDrawableWithoutData() {
        assertThat(SvgCharts.lineChart("empty", "x", "y", List.of(new SvgCharts.Series("s", new double[0]))))
                .startsWith("<svg").doesNotContain("NaN");
        assertThat(SvgCharts.histogramWithCdf("none", new long[0])).doesNotContain("NaN");
        assertThat(SvgCharts.shareBars("bars", "x", List.of(new SvgCharts.Series("cpu", new double[500]))))
                .contains("bars of 5 s").doesNotContain("NaN");
        List<SvgCharts.Series> many = new java.util.ArrayList<>();
        for (int i = 0; i < 9; i++) {
            many.add(new SvgCharts.Series("s" + i, new double[]{i, i + 1}));
        }
        assertThat(SvgCharts.lineChart("many", "x", "y", many)).contains("height=\"308\"") // three legend rows below
                .doesNotContain("NaN");
        assertThat(SvgCharts.niceMax(0)).isEqualTo(1);
        assertThat(SvgCharts.niceMax(37)).isEqualTo(50);
        assertThat(SvgCharts.niceMax(101)).isEqualTo(200);
    }
}
