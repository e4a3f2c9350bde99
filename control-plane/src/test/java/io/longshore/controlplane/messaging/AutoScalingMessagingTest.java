package io.longshore.controlplane.messaging;

import static io.longshore.controlplane.support.Api.activities;
import static io.longshore.controlplane.support.Api.createCluster;
import static io.longshore.controlplane.support.Api.createService;
import static io.longshore.controlplane.support.Api.describeService;
import static io.longshore.controlplane.support.Api.describeTarget;
import static io.longshore.controlplane.support.Api.register;
import static io.longshore.controlplane.support.Api.registerTarget;
import static io.longshore.controlplane.support.Api.scaling;
import static io.longshore.controlplane.support.Api.simpleDefinition;
import static io.longshore.controlplane.support.Api.unique;
import static io.longshore.controlplane.support.Api.updateService;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.longshore.common.messaging.Json;
import io.longshore.common.messaging.MessageKeys;
import io.longshore.common.messaging.MetricDatapoint;
import io.longshore.common.messaging.ScalingDecision;
import io.longshore.common.messaging.ScalingTarget;
import io.longshore.common.messaging.ServiceSpec;
import io.longshore.common.messaging.Topics;
import io.longshore.common.scaling.Metrics;
import io.longshore.testing.KafkaTestClient;
import io.longshore.testing.KafkaTestResource;
import io.longshore.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the autoscaler sends the control plane: decisions (carried out once each, as a desired count
 * and a scaling activity; a scheduled action's new capacities too) and datapoints (shown by the
 * metrics endpoint).
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class AutoScalingMessagingTest {
    static KafkaTestClient kafka;

    @BeforeAll
    static void client() {
        kafka = new KafkaTestClient();
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    /** A new cluster with one REPLICA service (desired 1) and a target of 1..5; returns {cluster, service}. */
    static String[] scaledService() {
        String cluster = unique("asmsg");
        createCluster(cluster);
        return new String[] {cluster, scaledService(cluster)};
    }

    /** A REPLICA service (desired 1) in the cluster with a target of 1..5; returns its name. */
    static String scaledService(String cluster) {
        String family = unique("asfam");
        register(simpleDefinition(family)).statusCode(200);
        String name = unique("web");
        createService(cluster, """
                {"serviceName": "%s", "taskDefinition": "%s", "desiredCount": 1}
                """.formatted(name, family)).statusCode(200);
        registerTarget(cluster, name, "{\"MinCapacity\": 1, \"MaxCapacity\": 5}").statusCode(200);
        return name;
    }

    static ScalingDecision policyDecision(String cluster, String service, String activityId, int from, int to) {
        return new ScalingDecision(ScalingDecision.SCHEMA_VERSION, activityId, cluster, service,
                Metrics.resourceId(cluster, service), ScalingDecision.POLICY, "cpu50", from, to, null, null,
                "Setting desired count to " + to + ".",
                "monitor alarm TargetTracking-" + Metrics.resourceId(cluster, service)
                        + "-AlarmHigh in state ALARM triggered policy cpu50 changing the desired capacity from "
                        + from + " to " + to, Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    static void send(ScalingDecision decision) {
        kafka.send(Topics.SCALING_DECISIONS, decision.key(), decision);
    }

    static void eventually(Runnable assertion) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(assertion::run);
    }

    @Test
    void aDecisionChangesTheDesiredCountOnceAndIsRecordedAsAnActivity() throws Exception {
        String[] s = scaledService();
        String cluster = s[0];
        String name = s[1];
        String first = UUID.randomUUID().toString();
        ScalingDecision decision = policyDecision(cluster, name, first, 1, 3);
        try (KafkaTestClient.Collector specs = KafkaTestClient.collect(Topics.SERVICE_SPECS)) {
            send(decision);
            eventually(() -> describeService(cluster, name).body("service.desiredCount", equalTo(3)));
            activities(cluster, name).statusCode(200)
                    .body("ScalingActivities", hasSize(1))
                    .body("ScalingActivities[0].ActivityId", equalTo(first))
                    .body("ScalingActivities[0].ServiceNamespace", equalTo("ecs"))
                    .body("ScalingActivities[0].ResourceId", equalTo(Metrics.resourceId(cluster, name)))
                    .body("ScalingActivities[0].ScalableDimension", equalTo("ecs:service:DesiredCount"))
                    .body("ScalingActivities[0].Description", equalTo("Setting desired count to 3."))
                    .body("ScalingActivities[0].Cause", equalTo(decision.causeText()))
                    .body("ScalingActivities[0].StartTime", equalTo(decision.decidedAt().toString()))
                    .body("ScalingActivities[0].StatusCode", equalTo("Successful"));
            // The scheduler hears of it as of any UpdateService: a spec with the new count.
            await().atMost(Duration.ofSeconds(30)).until(() -> specs.records().stream()
                    .filter(r -> MessageKeys.of(cluster, name).equals(r.key()))
                    .map(r -> Json.read(r.value(), ServiceSpec.class))
                    .anyMatch(spec -> spec.desiredCount() == 3));

            // The user moves the count; the same decision again changes nothing. A decision for another
            // service of the cluster, sent after it (same partition), shows when it has been read.
            updateService(cluster, name, "{\"desiredCount\": 2}").statusCode(200);
            send(decision);
            String other = scaledService(cluster);
            send(policyDecision(cluster, other, UUID.randomUUID().toString(), 1, 2));
            eventually(() -> describeService(cluster, other).body("service.desiredCount", equalTo(2)));
            describeService(cluster, name).body("service.desiredCount", equalTo(2));
            activities(cluster, name).body("ScalingActivities.ActivityId", contains(first));

            String second = UUID.randomUUID().toString();
            send(policyDecision(cluster, name, second, 2, 4));
            eventually(() -> describeService(cluster, name).body("service.desiredCount", equalTo(4)));
            activities(cluster, name).body("ScalingActivities.ActivityId", contains(second, first));
        }
    }

    @Test
    void aScheduledDecisionSetsTheTargetsCapacities() throws Exception {
        String[] s = scaledService();
        String cluster = s[0];
        String name = s[1];
        try (KafkaTestClient.Collector targets = KafkaTestClient.collect(Topics.SCALING_TARGETS)) {
            ScalingDecision decision = new ScalingDecision(ScalingDecision.SCHEMA_VERSION, UUID.randomUUID().toString(),
                    cluster, name, Metrics.resourceId(cluster, name), ScalingDecision.SCHEDULED_ACTION, "raise-min",
                    1, 2, 2, null, "Setting desired count to 2.",
                    "scheduled action raise-min set min capacity to 2 and max capacity to 5", Instant.now());
            send(decision);
            eventually(() -> describeTarget(cluster, name).body("MinCapacity", equalTo(2)).body("MaxCapacity", equalTo(5)));
            describeService(cluster, name).body("service.desiredCount", equalTo(2));
            activities(cluster, name).body("ScalingActivities[0].Cause",
                    equalTo("scheduled action raise-min set min capacity to 2 and max capacity to 5"));
            // The target is published again with its new minimum.
            await().atMost(Duration.ofSeconds(30)).until(() -> targets.records().stream()
                    .filter(r -> MessageKeys.of(cluster, name).equals(r.key()))
                    .map(r -> Json.read(r.value(), ScalingTarget.class))
                    .anyMatch(t -> t.minCapacity() == 2 && t.maxCapacity() == 5));
        }
    }

    @Test
    void aDecisionForATargetThatIsGoneIsRecordedAsFailedAndChangesNothing() {
        String[] s = scaledService();
        String cluster = s[0];
        String name = s[1];
        given().delete(scaling(cluster, name, "/scalable-target")).then().statusCode(204);
        String id = UUID.randomUUID().toString();
        send(policyDecision(cluster, name, id, 1, 4));
        eventually(() -> activities(cluster, name).body("ScalingActivities", hasSize(1)));
        activities(cluster, name)
                .body("ScalingActivities[0].ActivityId", equalTo(id))
                .body("ScalingActivities[0].StatusCode", equalTo("Failed"))
                .body("ScalingActivities[0].StatusMessage", equalTo("Failed to carry out the decision: no scalable "
                        + "target is registered for " + Metrics.resourceId(cluster, name) + " any more."));
        describeService(cluster, name).body("service.desiredCount", equalTo(1));
    }

    @Test
    void datapointsShowUpInTheMetricsEndpoint() {
        String[] s = scaledService();
        String cluster = s[0];
        String name = s[1];
        Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        Instant older = minute.minus(3, ChronoUnit.MINUTES);
        Instant newer = minute.minus(2, ChronoUnit.MINUTES);
        kafka.send(Topics.METRIC_DATAPOINTS, MessageKeys.of(cluster, name), new MetricDatapoint(cluster, name,
                Metrics.NAMESPACE_ECS, Metrics.CPU_UTILIZATION, Map.of(), newer, 60, 70, 60, 80, 140, 2, "Percent"));
        kafka.send(Topics.METRIC_DATAPOINTS, MessageKeys.of(cluster, name), new MetricDatapoint(cluster, name,
                Metrics.NAMESPACE_ECS, Metrics.CPU_UTILIZATION, Map.of(), older, 60, 10, 10, 10, 10, 1, "Percent"));
        // The same period again replaces it; another metric and other dimensions are apart.
        kafka.send(Topics.METRIC_DATAPOINTS, MessageKeys.of(cluster, name), new MetricDatapoint(cluster, name,
                Metrics.NAMESPACE_ECS, Metrics.CPU_UTILIZATION, Map.of(), older, 60, 20, 15, 25, 40, 2, "Percent"));
        kafka.send(Topics.METRIC_DATAPOINTS, MessageKeys.of(cluster, name), new MetricDatapoint(cluster, name,
                "Shop", "QueueDepth", Map.of("Queue", "orders"), older, 60, 7, 7, 7, 7, 1, "Count"));
        // Older than the default hour: not shown unless asked for.
        kafka.send(Topics.METRIC_DATAPOINTS, MessageKeys.of(cluster, name), new MetricDatapoint(cluster, name,
                Metrics.NAMESPACE_ECS, Metrics.CPU_UTILIZATION, Map.of(), minute.minus(2, ChronoUnit.HOURS), 60,
                99, 99, 99, 99, 1, "Percent"));

        eventually(() -> given().queryParam("namespace", "Shop").queryParam("metricName", "QueueDepth")
                .queryParam("dimension.Queue", "orders").get(scaling(cluster, name, "/metrics")).then()
                .statusCode(200).body("Datapoints.Average", contains(7.0f)));
        given().queryParam("namespace", "AWS/ECS").queryParam("metricName", "CPUUtilization")
                .get(scaling(cluster, name, "/metrics")).then().statusCode(200)
                .body("Label", equalTo("CPUUtilization"))
                .body("Datapoints", hasSize(2))
                .body("Datapoints[0].Timestamp", equalTo(older.toString()))
                .body("Datapoints[0].Average", equalTo(20.0f))
                .body("Datapoints[0].Minimum", equalTo(15.0f))
                .body("Datapoints[0].Maximum", equalTo(25.0f))
                .body("Datapoints[0].Sum", equalTo(40.0f))
                .body("Datapoints[0].SampleCount", equalTo(2.0f))
                .body("Datapoints[0].Unit", equalTo("Percent"))
                .body("Datapoints[1].Timestamp", equalTo(newer.toString()))
                .body("Datapoints[1].Average", equalTo(70.0f));
        given().queryParam("namespace", "AWS/ECS").queryParam("metricName", "CPUUtilization")
                .queryParam("startTime", minute.minus(3, ChronoUnit.HOURS).toString())
                .queryParam("endTime", older.toString())
                .get(scaling(cluster, name, "/metrics")).then().statusCode(200)
                .body("Datapoints.Average", contains(99.0f));
        // The ServiceName dimension may be named, as the path gives it; the metric's own must match exactly.
        given().queryParam("namespace", "Shop").queryParam("metricName", "QueueDepth")
                .queryParam("dimension.ServiceName", name).get(scaling(cluster, name, "/metrics")).then()
                .statusCode(200).body("Datapoints", empty());
        given().queryParam("namespace", "Shop").queryParam("metricName", "QueueDepth")
                .queryParam("dimension.ServiceName", "other").get(scaling(cluster, name, "/metrics")).then()
                .statusCode(400).body("message", equalTo("dimension.ServiceName: must be " + name + ", as in the path"));
    }

    @Test
    void aDecisionThatCannotBeReadGoesToTheDeadLetterTopic() throws Exception {
        String key = MessageKeys.of(unique("asmsg"), "web");
        kafka.sendRaw(Topics.SCALING_DECISIONS, key, "{\"activityId\": null}");
        try (KafkaTestClient.Collector dead = KafkaTestClient.collect(Topics.DEAD_LETTER)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> dead.records().stream()
                    .anyMatch(r -> key.equals(r.key())));
        }
    }
}
