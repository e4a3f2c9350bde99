package io.longshore.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Service auto scaling end to end, with real Kafka, PostgreSQL and Docker and the e2e stack's
 * 3-second datapoints: a service whose tasks burn CPU for half a minute scales out under target
 * tracking and back in after the load stops, then a scheduled action raises its minimum and it
 * grows. The run writes its trace (desired vs running vs CPU) as CSV and SVG, and its figures, to
 * {@code target/autoscaling}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AutoScalingEndToEndIT {
    private static final String RUN = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
    private static final String SERVICE = "e2e-burn-" + RUN;
    private static final String SERVICES = "/v1/clusters/default/services";
    private static final String TARGET = SERVICES + "/" + SERVICE;
    private static final double CPU_TARGET = 50;
    private static final int LOAD_SECONDS = 30;
    private static final Path OUT = Path.of("target", "autoscaling");
    private static final List<TracePlot.Point> TRACE = new ArrayList<>();
    private static Instant loadFrom;
    private static ScheduledExecutorService tracer;

    @BeforeAll
    static void up() {
        Stack.up();
        await().atMost(Duration.ofSeconds(60)).until(() -> given().get("/v1/clusters/default/container-instances")
                .jsonPath().getList("containerInstances.agentConnected").stream().filter(Boolean.TRUE::equals)
                .count() == 2);
    }

    @AfterAll
    static void down() {
        try {
            if (tracer != null) {
                tracer.shutdownNow();
            }
            given().delete(TARGET + "?force=true");
        } finally {
            Stack.longshore("down");
        }
    }

    @Test
    @Order(1)
    void aServiceBurningCpuScalesOutUnderTargetTrackingAndBackInWhenTheLoadStops() throws Exception {
        loadFrom = Instant.now().plusSeconds(10);
        Instant loadUntil = loadFrom.plusSeconds(LOAD_SECONDS);
        registerBurner(loadFrom, loadUntil);
        given().contentType(ContentType.JSON).body("""
                {"serviceName": "%s", "taskDefinition": "%s", "desiredCount": 1}
                """.formatted(SERVICE, SERVICE)).post(SERVICES).then().statusCode(200);
        given().contentType(ContentType.JSON).body("{\"MinCapacity\": 1, \"MaxCapacity\": 3}")
                .put(TARGET + "/scalable-target").then().statusCode(200);
        given().contentType(ContentType.JSON).body("""
                {"PolicyType": "TargetTrackingScaling",
                 "TargetTrackingScalingPolicyConfiguration": {"TargetValue": %s,
                   "PredefinedMetricSpecification": {"PredefinedMetricType": "ECSServiceAverageCPUUtilization"},
                   "ScaleOutCooldown": 10, "ScaleInCooldown": 0}}
                """.formatted(CPU_TARGET)).put(TARGET + "/scaling-policies/cpu50").then().statusCode(200);
        tracer = Executors.newSingleThreadScheduledExecutor();
        tracer.scheduleAtFixedRate(AutoScalingEndToEndIT::record, 0, 1, TimeUnit.SECONDS);

        Instant grown = await().atMost(Duration.ofSeconds(LOAD_SECONDS + 30)).pollInterval(Duration.ofMillis(250))
                .until(() -> running() > 1 ? Instant.now() : null, t -> t != null);
        Map<String, Object> scaleOut = await().atMost(Duration.ofSeconds(10))
                .until(() -> activity("to [23]\\."), a -> a != null);
        assertThat((String) scaleOut.get("Cause")).contains("policy cpu50").contains("from 1 to");
        assertThat(scaleOut.get("StatusCode")).isEqualTo("Successful");
        Instant decided = Instant.parse((String) scaleOut.get("StartTime"));

        // After the load: 15 datapoints (of the e2e stack's 3 s) below target, then back to the minimum.
        await().atMost(Duration.ofSeconds(LOAD_SECONDS + 90)).until(() -> Instant.now().isAfter(loadUntil)
                && desired() == 1 && running() == 1);
        assertThat(activity("to 1\\.")).isNotNull();
        assertThat(given().queryParam("namespace", "AWS/ECS").queryParam("metricName", "CPUUtilization")
                .get(TARGET + "/metrics").jsonPath().getList("Datapoints.Average", Float.class))
                .anyMatch(cpu -> cpu > CPU_TARGET).anyMatch(cpu -> cpu < CPU_TARGET / 2);

        Files.createDirectories(OUT);
        Files.writeString(OUT.resolve("figures.json"), """
                {"loadStartToScaleOutDecisionSeconds": %.1f, "loadStartToNewTaskRunningSeconds": %.1f,
                 "periodSeconds": 3, "cpuTarget": %.0f, "loadSeconds": %d}
                """.formatted(seconds(loadFrom, decided), seconds(loadFrom, grown), CPU_TARGET, LOAD_SECONDS));
    }

    @Test
    @Order(2)
    void aScheduledActionRaisesTheMinimumAndTheServiceGrows() throws Exception {
        String at = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
                .format(Instant.now().plusSeconds(3).atOffset(ZoneOffset.UTC));
        given().contentType(ContentType.JSON).body("""
                {"Schedule": "at(%s)", "Timezone": "UTC", "ScalableTargetAction": {"MinCapacity": 2}}
                """.formatted(at)).put(TARGET + "/scheduled-actions/raise-min").then().statusCode(200);

        await().atMost(Duration.ofSeconds(60)).until(() -> running() == 2);
        assertThat(given().get(TARGET + "/scalable-target").jsonPath().getInt("MinCapacity")).isEqualTo(2);
        assertThat((String) activity("to 2\\.").get("Cause")).contains("scheduled action raise-min");

        // so that the trace shows the second task running
        await().atMost(Duration.ofSeconds(30)).until(AutoScalingEndToEndIT::samplesWithTwoRunning, n -> n >= 3);
        tracer.shutdownNow();
        tracer.awaitTermination(5, TimeUnit.SECONDS);
        writeTrace();
    }

    private static void registerBurner(Instant from, Instant until) {
        // Idle until `from`, a busy loop until `until`, then idle: every task of the service, old or new, follows the same clock.
        String script = "while [ $(date +%s) -lt " + from.getEpochSecond() + " ]; do sleep 1; done; "
                + "while [ $(date +%s) -lt " + until.getEpochSecond() + " ]; do :; done; exec sleep 3600";
        given().contentType(ContentType.JSON).body("""
                {"family": "%s", "containerDefinitions": [
                  {"name": "main", "image": "longshore/busybox:latest", "cpu": 256, "memory": 32, "stopTimeout": 1,
                   "command": ["sh", "-c", "%s"]}]}
                """.formatted(SERVICE, script)).post("/v1/task-definitions").then().statusCode(200);
    }

    private static void record() {
        try {
            JsonPath service = given().get(TARGET).jsonPath();
            List<Float> cpu = given().queryParam("namespace", "AWS/ECS").queryParam("metricName", "CPUUtilization")
                    .queryParam("startTime", Instant.now().minusSeconds(10).toString())
                    .get(TARGET + "/metrics").jsonPath().getList("Datapoints.Average", Float.class);
            synchronized (TRACE) {
                TRACE.add(new TracePlot.Point(seconds(loadFrom, Instant.now()), service.getInt("service.desiredCount"),
                        service.getInt("service.runningCount"),
                        cpu == null || cpu.isEmpty() ? null : cpu.get(cpu.size() - 1).doubleValue()));
            }
        } catch (RuntimeException e) {
            // a missed sample leaves a gap in the trace, nothing more
        }
    }

    private static long samplesWithTwoRunning() {
        synchronized (TRACE) {
            return TRACE.stream().filter(p -> p.running() == 2).count();
        }
    }

    private static void writeTrace() throws Exception {
        List<TracePlot.Point> points;
        synchronized (TRACE) {
            points = List.copyOf(TRACE);
        }
        StringBuilder csv = new StringBuilder("seconds,desired,running,cpuUtilization\n");
        points.forEach(p -> csv.append(String.format(java.util.Locale.ROOT, "%.1f,%d,%d,%s%n", p.seconds(),
                p.desired(), p.running(), p.metric() == null ? "" : String.format(java.util.Locale.ROOT, "%.1f", p.metric()))));
        Files.createDirectories(OUT);
        Files.writeString(OUT.resolve("trace.csv"), csv);
        Files.writeString(OUT.resolve("trace.svg"), TracePlot.svg("Target tracking on CPU (" + LOAD_SECONDS
                + " s of load, 3 s datapoints), then a scheduled action raising the minimum to 2",
                "average CPU %", CPU_TARGET, points));
    }

    private static Map<String, Object> activity(String descriptionEnding) {
        List<Map<String, Object>> activities = given().get(TARGET + "/scaling-activities").jsonPath()
                .getList("ScalingActivities");
        return activities.stream().filter(a -> java.util.regex.Pattern.compile(descriptionEnding + "$")
                .matcher((String) a.get("Description")).find()).findFirst().orElse(null);
    }

    private static int desired() {
        return given().get(TARGET).jsonPath().getInt("service.desiredCount");
    }

    private static int running() {
        return given().get(TARGET).jsonPath().getInt("service.runningCount");
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }
}
