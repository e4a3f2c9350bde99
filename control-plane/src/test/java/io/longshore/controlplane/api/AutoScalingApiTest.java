package io.longshore.controlplane.api;

import static io.longshore.controlplane.support.Api.activities;
import static io.longshore.controlplane.support.Api.cpuTargetTracking;
import static io.longshore.controlplane.support.Api.createCluster;
import static io.longshore.controlplane.support.Api.createService;
import static io.longshore.controlplane.support.Api.deleteService;
import static io.longshore.controlplane.support.Api.describeService;
import static io.longshore.controlplane.support.Api.describeTarget;
import static io.longshore.controlplane.support.Api.putPolicy;
import static io.longshore.controlplane.support.Api.putScheduledAction;
import static io.longshore.controlplane.support.Api.register;
import static io.longshore.controlplane.support.Api.registerTarget;
import static io.longshore.controlplane.support.Api.scaling;
import static io.longshore.controlplane.support.Api.simpleDefinition;
import static io.longshore.controlplane.support.Api.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.longshore.common.messaging.Json;
import io.longshore.common.messaging.MessageKeys;
import io.longshore.common.messaging.MetricSample;
import io.longshore.common.messaging.ScalingTarget;
import io.longshore.common.messaging.ServiceSpec;
import io.longshore.common.messaging.Topics;
import io.longshore.common.scaling.ScalingPolicy;
import io.longshore.testing.KafkaTestClient;
import io.longshore.testing.KafkaTestResource;
import io.longshore.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Service auto scaling's API: scalable targets (with the desired count clamped into them), scaling
 * policies, scheduled actions, the ScalingTarget each change publishes, the 400s that name the
 * member and change nothing, and PutMetricData.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class AutoScalingApiTest {
    static KafkaTestClient.Collector targets;
    static KafkaTestClient.Collector specs;

    @BeforeAll
    static void collect() {
        targets = KafkaTestClient.collect(Topics.SCALING_TARGETS);
        specs = KafkaTestClient.collect(Topics.SERVICE_SPECS);
    }

    @AfterAll
    static void close() throws InterruptedException {
        targets.close();
        specs.close();
    }

    /** A new cluster with one REPLICA service of the given desired count; returns {cluster, service}. */
    static String[] service(int desiredCount) {
        String cluster = unique("scale");
        createCluster(cluster);
        String family = unique("scalefam");
        register(simpleDefinition(family)).statusCode(200);
        String name = unique("web");
        createService(cluster, """
                {"serviceName": "%s", "taskDefinition": "%s", "desiredCount": %d}
                """.formatted(name, family, desiredCount)).statusCode(200);
        return new String[] {cluster, name};
    }

    static List<ScalingTarget> published(String cluster, String service) {
        return targets.records().stream().filter(r -> MessageKeys.of(cluster, service).equals(r.key()))
                .map(r -> Json.read(r.value(), ScalingTarget.class)).toList();
    }

    /** Waits until the last ScalingTarget published for the service matches. */
    static ScalingTarget awaitPublished(String cluster, String service, java.util.function.Predicate<ScalingTarget> match) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            List<ScalingTarget> list = published(cluster, service);
            return list.isEmpty() ? null : list.get(list.size() - 1);
        }, t -> t != null && match.test(t));
    }

    static List<ServiceSpec> specsOf(String cluster, String service) {
        return specs.records().stream().filter(r -> MessageKeys.of(cluster, service).equals(r.key()))
                .map(r -> Json.read(r.value(), ServiceSpec.class)).toList();
    }

    static void expectError(io.restassured.response.ValidatableResponse response, int status, String type,
                            String messageStart) {
        response.statusCode(status)
                .header("x-amzn-ErrorType", type)
                .body("__type", equalTo(type))
                .body("message", startsWith(messageStart));
    }

    @Test
    void registeringATargetClampsTheDesiredCountAndDeregisteringRemovesIt() {
        String[] s = service(1);
        String cluster = s[0];
        String name = s[1];
        String resourceId = "service/" + cluster + "/" + name;

        registerTarget(cluster, name, "{\"MinCapacity\": 2, \"MaxCapacity\": 5}")
                .statusCode(200)
                .body("ServiceNamespace", equalTo("ecs"))
                .body("ResourceId", equalTo(resourceId))
                .body("ScalableDimension", equalTo("ecs:service:DesiredCount"))
                .body("MinCapacity", equalTo(2))
                .body("MaxCapacity", equalTo(5))
                .body("SuspendedState.DynamicScalingInSuspended", equalTo(false))
                .body("SuspendedState.DynamicScalingOutSuspended", equalTo(false))
                .body("SuspendedState.ScheduledScalingSuspended", equalTo(false))
                .body("CreationTime", notNullValue())
                .body("ScalableTargetARN", startsWith("arn:aws:application-autoscaling:local:000000000000:scalable-target/"));

        // The desired count went up to the minimum, through UpdateService's path: a new spec, the same deployment.
        describeService(cluster, name).body("service.desiredCount", equalTo(2));
        List<ServiceSpec> published = await().atMost(Duration.ofSeconds(30))
                .until(() -> specsOf(cluster, name), list -> list.size() >= 2);
        assertThat(published.get(1).desiredCount()).isEqualTo(2);
        assertThat(published.get(1).deploymentId()).isEqualTo(published.get(0).deploymentId());
        activities(cluster, name).statusCode(200)
                .body("ScalingActivities", hasSize(1))
                .body("ScalingActivities[0].Description", equalTo("Setting desired count to 2."))
                .body("ScalingActivities[0].Cause", containsString("MinCapacity 2"))
                .body("ScalingActivities[0].StatusCode", equalTo("Successful"))
                .body("ScalingActivities[0].ResourceId", equalTo(resourceId));

        ScalingTarget first = awaitPublished(cluster, name, t -> t.minCapacity() == 2);
        assertThat(first.status()).isEqualTo(ScalingTarget.ACTIVE);
        assertThat(first.resourceId()).isEqualTo(resourceId);
        assertThat(first.maxCapacity()).isEqualTo(5);
        assertThat(first.policies()).isEmpty();

        // Registering again changes only what it names.
        registerTarget(cluster, name, "{\"MaxCapacity\": 3, \"SuspendedState\": {\"DynamicScalingInSuspended\": true}}")
                .statusCode(200)
                .body("MinCapacity", equalTo(2))
                .body("MaxCapacity", equalTo(3))
                .body("SuspendedState.DynamicScalingInSuspended", equalTo(true))
                .body("SuspendedState.ScheduledScalingSuspended", equalTo(false));
        registerTarget(cluster, name, "{\"MinCapacity\": 1, \"MaxCapacity\": 1}").statusCode(200)
                .body("SuspendedState.DynamicScalingInSuspended", equalTo(true));
        describeService(cluster, name).body("service.desiredCount", equalTo(1));
        describeTarget(cluster, name).statusCode(200).body("MinCapacity", equalTo(1)).body("MaxCapacity", equalTo(1));
        given().get("/v1/clusters/" + cluster + "/scalable-targets").then().statusCode(200)
                .body("ScalableTargets.ResourceId", contains(resourceId));

        given().delete(scaling(cluster, name, "/scalable-target")).then().statusCode(204);
        expectError(describeTarget(cluster, name), 404, "ObjectNotFoundException", "ResourceId: ");
        expectError(given().delete(scaling(cluster, name, "/scalable-target")).then(), 404,
                "ObjectNotFoundException", "ResourceId: ");
        ScalingTarget gone = awaitPublished(cluster, name, t -> ScalingTarget.DEREGISTERED.equals(t.status()));
        assertThat(gone.policies()).isEmpty();
        assertThat(gone.scheduledActions()).isEmpty();
        // Deregistering leaves the desired count as it is.
        describeService(cluster, name).body("service.desiredCount", equalTo(1));
        given().get("/v1/clusters/" + cluster + "/scalable-targets").then().body("ScalableTargets", empty());
    }

    @Test
    void badRequestsNameTheMemberAndChangeNothing() {
        String[] s = service(1);
        String cluster = s[0];
        String name = s[1];

        expectError(registerTarget(cluster, name, "{\"MinCapacity\": 4, \"MaxCapacity\": 2}"), 400,
                "ValidationException", "MinCapacity: must not be greater than MaxCapacity");
        expectError(registerTarget(cluster, name, "{\"MinCapacity\": 1}"), 400, "ValidationException",
                "MaxCapacity: is required");
        expectError(registerTarget(cluster, name, "{\"MinCapacity\": -1, \"MaxCapacity\": 2}"), 400,
                "ValidationException", "MinCapacity: ");
        expectError(registerTarget(cluster, name, "{\"MinCapacity\": \"one\", \"MaxCapacity\": 2}"), 400,
                "InvalidParameterException", "MinCapacity: must be an integer");
        expectError(describeTarget(cluster, name), 404, "ObjectNotFoundException", "ResourceId: ");
        // A policy or scheduled action needs a registered target.
        expectError(putPolicy(cluster, name, "cpu", cpuTargetTracking(50)), 400, "ObjectNotFoundException",
                "ResourceId: no scalable target is registered for service/" + cluster + "/" + name);
        expectError(putScheduledAction(cluster, name, "night", """
                {"Schedule": "cron(0 22 * * ? *)", "ScalableTargetAction": {"MinCapacity": 0}}
                """), 400, "ObjectNotFoundException", "ResourceId: ");
        // Unknown cluster and service: the service API's 404s.
        expectError(registerTarget(cluster, "nope", "{\"MinCapacity\": 1, \"MaxCapacity\": 2}"), 404,
                "ServiceNotFoundException", "service: ");
        expectError(registerTarget(unique("nocluster"), name, "{\"MinCapacity\": 1, \"MaxCapacity\": 2}"), 404,
                "ClusterNotFoundException", "cluster: ");
        describeService(cluster, name).body("service.desiredCount", equalTo(1));

        registerTarget(cluster, name, "{\"MinCapacity\": 1, \"MaxCapacity\": 4}").statusCode(200);
        expectError(registerTarget(cluster, name, "{\"MinCapacity\": 5}"), 400, "ValidationException",
                "MinCapacity: must not be greater than MaxCapacity (5 > 4)");
        expectError(putPolicy(cluster, name, "bad", "{\"PolicyType\": \"Magic\"}"), 400, "ValidationException",
                "PolicyType: ");
        expectError(putPolicy(cluster, name, "bad", """
                {"PolicyType": "TargetTrackingScaling",
                 "TargetTrackingScalingPolicyConfiguration": {"TargetValue": -3,
                   "PredefinedMetricSpecification": {"PredefinedMetricType": "ECSServiceAverageCPUUtilization"}}}
                """), 400, "ValidationException", "TargetTrackingScalingPolicyConfiguration.TargetValue: ");
        expectError(putPolicy(cluster, name, "step", """
                {"PolicyType": "StepScaling",
                 "StepScalingPolicyConfiguration": {"AdjustmentType": "ChangeInCapacity",
                   "StepAdjustments": [{"MetricIntervalLowerBound": 0, "ScalingAdjustment": 1}]}}
                """), 400, "ValidationException", "Alarm: is required");
        expectError(putScheduledAction(cluster, name, "bad", """
                {"Schedule": "sometimes", "ScalableTargetAction": {"MinCapacity": 1}}
                """), 400, "ValidationException", "Schedule: ");
        expectError(putScheduledAction(cluster, name, "bad", """
                {"Schedule": "rate(5 minutes)", "ScalableTargetAction": {}}
                """), 400, "ValidationException", "ScalableTargetAction: ");
        describeTarget(cluster, name).body("MinCapacity", equalTo(1)).body("MaxCapacity", equalTo(4));
        given().get(scaling(cluster, name, "/scaling-policies")).then().statusCode(200).body("ScalingPolicies", empty());
        given().get(scaling(cluster, name, "/scheduled-actions")).then().statusCode(200)
                .body("ScheduledActions", empty());
        expectError(given().get(scaling(cluster, name, "/scaling-policies/cpu")).then(), 404,
                "ObjectNotFoundException", "PolicyName: ");
        expectError(given().delete(scaling(cluster, name, "/scheduled-actions/night")).then(), 404,
                "ObjectNotFoundException", "ScheduledActionName: ");
    }

    @Test
    void policiesAndScheduledActionsArePublishedWithTheTarget() {
        String[] s = service(2);
        String cluster = s[0];
        String name = s[1];
        String resourceId = "service/" + cluster + "/" + name;
        registerTarget(cluster, name, "{\"MinCapacity\": 1, \"MaxCapacity\": 6}").statusCode(200);

        String policyArn = putPolicy(cluster, name, "cpu50", cpuTargetTracking(50)).statusCode(200)
                .body("PolicyARN", startsWith("arn:aws:autoscaling:local:000000000000:scalingPolicy:"))
                .body("PolicyARN", containsString(":resource/ecs/" + resourceId + ":policyName/cpu50"))
                .body("Alarms", hasSize(2))
                .body("Alarms[0].AlarmName", matchesPattern("TargetTracking-" + resourceId + "-AlarmHigh-[0-9a-f-]{36}"))
                .body("Alarms[1].AlarmName", matchesPattern("TargetTracking-" + resourceId + "-AlarmLow-[0-9a-f-]{36}"))
                .body("Alarms[0].AlarmARN", startsWith("arn:aws:cloudwatch:local:000000000000:alarm:TargetTracking-"))
                .extract().path("PolicyARN");
        putPolicy(cluster, name, "queue-step", """
                {"PolicyType": "StepScaling",
                 "StepScalingPolicyConfiguration": {"AdjustmentType": "ChangeInCapacity", "Cooldown": 60,
                   "StepAdjustments": [{"MetricIntervalLowerBound": 0, "MetricIntervalUpperBound": 100, "ScalingAdjustment": 1},
                                       {"MetricIntervalLowerBound": 100, "ScalingAdjustment": 3}]},
                 "Alarm": {"AlarmName": "queue-deep", "Namespace": "Shop", "MetricName": "QueueDepth",
                   "Statistic": "Average", "Threshold": 10, "ComparisonOperator": "GreaterThanThreshold",
                   "EvaluationPeriods": 2}}
                """).statusCode(200)
                .body("Alarms", hasSize(1))
                .body("Alarms[0].AlarmName", equalTo("queue-deep"))
                .body("Alarms[0].AlarmARN", equalTo("arn:aws:cloudwatch:local:000000000000:alarm:queue-deep"));
        // Put again: the same ARN and alarms, the new configuration.
        putPolicy(cluster, name, "cpu50", cpuTargetTracking(40)).statusCode(200).body("PolicyARN", equalTo(policyArn));

        given().get(scaling(cluster, name, "/scaling-policies/cpu50")).then().statusCode(200)
                .body("PolicyName", equalTo("cpu50"))
                .body("PolicyARN", equalTo(policyArn))
                .body("PolicyType", equalTo("TargetTrackingScaling"))
                .body("ServiceNamespace", equalTo("ecs"))
                .body("ResourceId", equalTo(resourceId))
                .body("ScalableDimension", equalTo("ecs:service:DesiredCount"))
                .body("TargetTrackingScalingPolicyConfiguration.TargetValue", equalTo(40.0f))
                .body("TargetTrackingScalingPolicyConfiguration.PredefinedMetricSpecification.PredefinedMetricType",
                        equalTo("ECSServiceAverageCPUUtilization"))
                .body("Alarms", hasSize(2))
                .body("CreationTime", notNullValue());
        given().get(scaling(cluster, name, "/scaling-policies")).then().statusCode(200)
                .body("ScalingPolicies.PolicyName", contains("cpu50", "queue-step"))
                .body("ScalingPolicies[1].StepScalingPolicyConfiguration.StepAdjustments", hasSize(2))
                .body("ScalingPolicies[1].Alarm.MetricName", equalTo("QueueDepth"));

        putScheduledAction(cluster, name, "nightly", """
                {"Schedule": "cron(0 22 * * ? *)", "Timezone": "Europe/Paris",
                 "StartTime": "2030-01-01T00:00:00Z", "ScalableTargetAction": {"MinCapacity": 0, "MaxCapacity": 2}}
                """).statusCode(200)
                .body("ScheduledActionName", equalTo("nightly"))
                .body("ScheduledActionARN", containsString(":scheduledAction:"))
                .body("ScheduledActionARN", containsString(":resource/ecs/" + resourceId + ":scheduledActionName/nightly"))
                .body("Schedule", equalTo("cron(0 22 * * ? *)"))
                .body("Timezone", equalTo("Europe/Paris"))
                .body("StartTime", equalTo("2030-01-01T00:00:00Z"))
                .body("ScalableTargetAction.MinCapacity", equalTo(0))
                .body("ScalableTargetAction.MaxCapacity", equalTo(2));
        given().get(scaling(cluster, name, "/scheduled-actions/nightly")).then().statusCode(200)
                .body("ResourceId", equalTo(resourceId));
        given().get(scaling(cluster, name, "/scheduled-actions")).then().statusCode(200)
                .body("ScheduledActions.ScheduledActionName", contains("nightly"));

        ScalingTarget full = awaitPublished(cluster, name, t -> t.policies().size() == 2
                && t.scheduledActions().size() == 1);
        ScalingPolicy cpu = full.policies().get(0);
        assertThat(cpu.policyName()).isEqualTo("cpu50");
        assertThat(cpu.policyARN()).isEqualTo(policyArn);
        assertThat(cpu.targetTrackingScalingPolicyConfiguration().targetValue()).isEqualTo(40.0);
        assertThat(full.policies().get(1).alarm().alarmName()).isEqualTo("queue-deep");
        assertThat(full.scheduledActions().get(0).timezone()).isEqualTo("Europe/Paris");
        assertThat(full.scheduledActions().get(0).startTime()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
        assertThat(full.minCapacity()).isEqualTo(1);
        assertThat(full.maxCapacity()).isEqualTo(6);

        given().delete(scaling(cluster, name, "/scaling-policies/queue-step")).then().statusCode(204);
        given().delete(scaling(cluster, name, "/scheduled-actions/nightly")).then().statusCode(204);
        ScalingTarget after = awaitPublished(cluster, name, t -> t.policies().size() == 1 && t.scheduledActions().isEmpty());
        assertThat(after.policies().get(0).policyName()).isEqualTo("cpu50");
        assertThat(after.status()).isEqualTo(ScalingTarget.ACTIVE);
    }

    @Test
    void aStepPolicysAlarmWithoutANameGetsTheAutoscalersName() {
        String[] s = service(1);
        registerTarget(s[0], s[1], "{\"MinCapacity\": 1, \"MaxCapacity\": 3}").statusCode(200);
        putPolicy(s[0], s[1], "mem-step", """
                {"PolicyType": "StepScaling",
                 "StepScalingPolicyConfiguration": {"AdjustmentType": "ExactCapacity",
                   "StepAdjustments": [{"MetricIntervalLowerBound": 0, "ScalingAdjustment": 3}]},
                 "Alarm": {"Namespace": "AWS/ECS", "MetricName": "MemoryUtilization", "Statistic": "Average",
                   "Threshold": 80, "ComparisonOperator": "GreaterThanOrEqualToThreshold"}}
                """).statusCode(200)
                .body("Alarms[0].AlarmName", equalTo("Step-service/" + s[0] + "/" + s[1] + "-mem-step"));
    }

    @Test
    void deletingTheServiceDeregistersItsTarget() {
        String[] s = service(2);
        String cluster = s[0];
        String name = s[1];
        registerTarget(cluster, name, "{\"MinCapacity\": 1, \"MaxCapacity\": 3}").statusCode(200);
        putPolicy(cluster, name, "cpu", cpuTargetTracking(60)).statusCode(200);

        deleteService(cluster, name, true).statusCode(200);
        ScalingTarget gone = awaitPublished(cluster, name, t -> ScalingTarget.DEREGISTERED.equals(t.status()));
        assertThat(gone.policies()).isEmpty();
        expectError(describeTarget(cluster, name), 404, "ObjectNotFoundException", "ResourceId: ");
        given().get(scaling(cluster, name, "/scaling-policies")).then().statusCode(200).body("ScalingPolicies", empty());
        // A DRAINING service cannot be scaled again.
        expectError(registerTarget(cluster, name, "{\"MinCapacity\": 1, \"MaxCapacity\": 3}"), 400,
                "ValidationException", "ResourceId: service " + name + " is DRAINING");
    }

    @Test
    void aDaemonServiceCannotBeScaled() {
        String cluster = unique("scale");
        createCluster(cluster);
        String family = unique("daemonfam");
        register(simpleDefinition(family)).statusCode(200);
        String name = unique("agent");
        createService(cluster, """
                {"serviceName": "%s", "taskDefinition": "%s", "schedulingStrategy": "DAEMON"}
                """.formatted(name, family)).statusCode(200);
        expectError(registerTarget(cluster, name, "{\"MinCapacity\": 1, \"MaxCapacity\": 3}"), 400,
                "ValidationException", "ResourceId: service " + name + " uses the DAEMON scheduling strategy");
    }

    @Test
    void putMetricDataPublishesEachValueForItsService() throws Exception {
        String[] s = service(1);
        String cluster = s[0];
        String name = s[1];
        String path = "/v1/clusters/" + cluster + "/metric-data";
        try (KafkaTestClient.Collector metrics = KafkaTestClient.collect(Topics.METRICS)) {
            expectError(given().contentType(ContentType.JSON).body("""
                    {"Namespace": "Shop", "MetricData": [{"MetricName": "QueueDepth", "Value": 3,
                      "Dimensions": [{"Name": "Queue", "Value": "orders"}]}]}
                    """).post(path).then(), 400, "InvalidParameterValueException",
                    "MetricData[0].Dimensions: must include ServiceName");
            expectError(given().contentType(ContentType.JSON).body("""
                    {"Namespace": "AWS/ECS", "MetricData": [{"MetricName": "CPUUtilization", "Value": 3,
                      "Dimensions": [{"Name": "ServiceName", "Value": "%s"}]}]}
                    """.formatted(name)).post(path).then(), 400, "InvalidParameterValueException", "Namespace: ");
            expectError(given().contentType(ContentType.JSON).body("""
                    {"Namespace": "Shop", "MetricData": [{"MetricName": "QueueDepth", "Value": 3,
                      "Dimensions": [{"Name": "ServiceName", "Value": "nope"}]}]}
                    """).post(path).then(), 400, "InvalidParameterValueException", "MetricData.Dimensions: ");
            expectError(given().contentType(ContentType.JSON).body("""
                    {"Namespace": "Shop", "MetricData": [{"MetricName": "QueueDepth", "Value": 3,
                      "Dimensions": [{"Name": "ServiceName", "Value": "%s"}, {"Name": "ClusterName", "Value": "other"}]}]}
                    """.formatted(name)).post(path).then(), 400, "InvalidParameterValueException",
                    "MetricData[0].Dimensions[1].Value: ClusterName must be " + cluster);

            given().contentType(ContentType.JSON).body("""
                    {"Namespace": "Shop", "MetricData": [
                      {"MetricName": "QueueDepth", "Value": 42.5, "Unit": "Count", "Timestamp": "%s",
                       "Dimensions": [{"Name": "ClusterName", "Value": "%s"}, {"Name": "ServiceName", "Value": "%s"},
                                      {"Name": "Queue", "Value": "orders"}]},
                      {"MetricName": "Latency", "Value": 0.2, "Dimensions": [{"Name": "ServiceName", "Value": "%s"}]}]}
                    """.formatted(Instant.now().minusSeconds(30), cluster, name, name)).post(path).then()
                    .statusCode(204);

            List<Map<String, Object>> mine = await().atMost(Duration.ofSeconds(30)).until(() -> metrics.records().stream()
                    .filter(r -> MessageKeys.of(cluster, name).equals(r.key()))
                    .map(r -> (Map<String, Object>) Json.read(r.value(), Map.class)).toList(), list -> list.size() == 2);
            // The bad requests published nothing; each value is a MetricSample of type MetricData.
            assertThat(mine).allSatisfy(m -> assertThat(m.get("type")).isEqualTo("MetricData"));
            List<MetricSample.MetricData> data = metrics.records().stream()
                    .filter(r -> MessageKeys.of(cluster, name).equals(r.key()))
                    .map(r -> (MetricSample.MetricData) Json.read(r.value(), MetricSample.class)).toList();
            MetricSample.MetricData depth = data.stream().filter(d -> d.metricName().equals("QueueDepth")).findFirst()
                    .orElseThrow();
            assertThat(depth.cluster()).isEqualTo(cluster);
            assertThat(depth.serviceName()).isEqualTo(name);
            assertThat(depth.namespace()).isEqualTo("Shop");
            assertThat(depth.dimensions()).isEqualTo(Map.of("Queue", "orders"));
            assertThat(depth.value()).isEqualTo(42.5);
            assertThat(depth.unit()).isEqualTo("Count");
            MetricSample.MetricData latency = data.stream().filter(d -> d.metricName().equals("Latency")).findFirst()
                    .orElseThrow();
            assertThat(latency.dimensions()).isEmpty();
            assertThat(latency.timestamp()).isAfter(Instant.now().minusSeconds(60));
        }
    }

    @Test
    void theMetricsQueryNamesWhatItLacks() {
        String[] s = service(1);
        expectError(given().queryParam("metricName", "CPUUtilization").get(scaling(s[0], s[1], "/metrics")).then(),
                400, "InvalidParameterValueException", "namespace: is required");
        expectError(given().queryParam("namespace", "AWS/ECS").get(scaling(s[0], s[1], "/metrics")).then(),
                400, "InvalidParameterValueException", "metricName: is required");
        expectError(given().queryParam("namespace", "AWS/ECS").queryParam("metricName", "CPUUtilization")
                        .queryParam("startTime", "yesterday").get(scaling(s[0], s[1], "/metrics")).then(),
                400, "InvalidParameterValueException", "startTime: ");
        given().queryParam("namespace", "AWS/ECS").queryParam("metricName", "CPUUtilization")
                .get(scaling(s[0], s[1], "/metrics")).then().statusCode(200)
                .body("Label", equalTo("CPUUtilization"))
                .body("Datapoints", empty());
        expectError(given().queryParam("namespace", "AWS/ECS").queryParam("metricName", "CPUUtilization")
                .get(scaling(s[0], "nope", "/metrics")).then(), 404, "ServiceNotFoundException", "service: ");
    }
}
