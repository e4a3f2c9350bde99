package io.longshore.controlplane.api;

import static io.longshore.controlplane.support.Api.createCluster;
import static io.longshore.controlplane.support.Api.createService;
import static io.longshore.controlplane.support.Api.describeService;
import static io.longshore.controlplane.support.Api.register;
import static io.longshore.controlplane.support.Api.runTask;
import static io.longshore.controlplane.support.Api.simpleDefinition;
import static io.longshore.controlplane.support.Api.taskId;
import static io.longshore.controlplane.support.Api.unique;
import static io.longshore.controlplane.support.Api.updateService;
import static io.longshore.controlplane.support.CapacityApi.newProvider;
import static io.longshore.controlplane.support.CapacityApi.putClusterProviders;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.longshore.common.messaging.Json;
import io.longshore.common.messaging.MessageKeys;
import io.longshore.common.messaging.ServiceSpec;
import io.longshore.common.messaging.TaskRequest;
import io.longshore.common.messaging.TaskStateChange;
import io.longshore.common.messaging.Topics;
import io.longshore.common.model.CapacityProviderStrategies;
import io.longshore.common.model.CapacityProviderStrategyItem;
import io.longshore.common.model.TaskSpec;
import io.longshore.common.model.TaskStatus;
import io.longshore.controlplane.support.FakeScheduler;
import io.longshore.controlplane.support.TestKafka;
import io.longshore.testing.KafkaTestClient;
import io.longshore.testing.KafkaTestResource;
import io.longshore.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * RunTask, CreateService and UpdateService on capacity providers: each task's provider from the
 * strategy (or the cluster's default), the PROVISIONING answer, and the service's strategy in its spec.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class CapacityProviderTasksApiTest {

    /** The scheduler's report of a task waiting for room on its provider: PROVISIONING, with the whole spec. */
    static TaskStateChange provisioning(TaskSpec spec) {
        return new TaskStateChange(spec.cluster(), spec.taskId(), TaskStatus.PROVISIONING, null, null, null, null,
                null, null, null, Instant.now(), "scheduler", spec.startedBy(), null, spec);
    }

    /** A cluster with two new providers associated; returns {cluster, a, b}. */
    static String[] clusterWithTwoProviders(String defaultStrategy) {
        String cluster = unique("cpt");
        createCluster(cluster);
        String a = newProvider();
        String b = newProvider();
        putClusterProviders(cluster, """
                {"capacityProviders": ["%s", "%s"], "defaultCapacityProviderStrategy": %s}
                """.formatted(a, b, defaultStrategy.formatted(a, b))).statusCode(200);
        return new String[] {cluster, a, b};
    }

    @Test
    void runTaskGivesEachTaskItsProviderBaseFirstThenByWeight() throws Exception {
        String[] c = clusterWithTwoProviders("[]");
        String family = unique("cpfam");
        register(simpleDefinition(family)).statusCode(200);
        List<CapacityProviderStrategyItem> strategy = List.of(new CapacityProviderStrategyItem(c[1], 2, 1),
                new CapacityProviderStrategyItem(c[2], 0, 3));
        List<String> expected = CapacityProviderStrategies.assign(strategy, Map.of(), 6);
        assertThat(expected).containsExactly(c[1], c[1], c[2], c[2], c[1], c[2]);
        try (FakeScheduler scheduler = FakeScheduler.start(family, CapacityProviderTasksApiTest::provisioning)) {
            List<String> answered = runTask(c[0], """
                    {"taskDefinition": "%s", "count": 6, "capacityProviderStrategy": [
                       {"capacityProvider": "%s", "base": 2, "weight": 1}, {"capacityProvider": "%s", "weight": 3}]}
                    """.formatted(family, c[1], c[2])).statusCode(200)
                    .body("tasks", hasSize(6))
                    .body("failures", empty())
                    .extract().path("tasks.capacityProviderName");
            // The answer lists the tasks by creation (one instant here), so in no particular order.
            assertThat(answered).containsExactlyInAnyOrderElementsOf(expected);
            await().atMost(Duration.ofSeconds(30)).until(() -> !scheduler.received.isEmpty());
            TaskRequest.PlaceTasks place = scheduler.received.get(0);
            assertThat(place.tasks()).extracting(TaskSpec::capacityProviderName).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void runTaskOnAProviderIsAnsweredProvisioningWithoutAFailureWhenTheSchedulerSaysSo() throws Exception {
        String[] c = clusterWithTwoProviders("[{\"capacityProvider\": \"%2$s\", \"weight\": 1}]");
        String family = unique("cpfam");
        register(simpleDefinition(family)).statusCode(200);
        try (FakeScheduler scheduler = FakeScheduler.start(family, CapacityProviderTasksApiTest::provisioning)) {
            // No strategy and no launch type: the cluster's default (provider b).
            String taskArn = runTask(c[0], "{\"taskDefinition\": \"" + family + "\"}").statusCode(200)
                    .body("failures", empty())
                    .body("tasks[0].lastStatus", equalTo("PROVISIONING"))
                    .body("tasks[0].capacityProviderName", equalTo(c[2]))
                    .extract().path("tasks[0].taskArn");
            given().get("/v1/clusters/" + c[0] + "/tasks/" + taskId(taskArn)).then()
                    .body("task.lastStatus", equalTo("PROVISIONING"));
            // launchType EC2 bypasses the default: any instance.
            runTask(c[0], "{\"taskDefinition\": \"" + family + "\", \"launchType\": \"EC2\"}").statusCode(200)
                    .body("tasks[0].capacityProviderName", nullValue());
            await().atMost(Duration.ofSeconds(30)).until(() -> scheduler.received.size() == 2);
            assertThat(scheduler.received.get(1).tasks().get(0).capacityProviderName()).isNull();
        }
        // Both given, or a provider of no association with the cluster: refused by name.
        runTask(c[0], """
                {"taskDefinition": "%s", "launchType": "EC2",
                 "capacityProviderStrategy": [{"capacityProvider": "%s", "weight": 1}]}
                """.formatted(family, c[1])).statusCode(400)
                .body("message", equalTo("capacityProviderStrategy: and launchType cannot both be given"));
        runTask(c[0], """
                {"taskDefinition": "%s", "capacityProviderStrategy": [{"capacityProvider": "elsewhere", "weight": 1}]}
                """.formatted(family)).statusCode(400)
                .body("message", equalTo("capacityProviderStrategy[0].capacityProvider: capacity provider elsewhere "
                        + "is not associated with cluster " + c[0]));
    }

    @Test
    void aServicesStrategyIsInItsSpecAndAChangeStartsANewDeployment() throws Exception {
        String[] c = clusterWithTwoProviders("[{\"capacityProvider\": \"%1$s\", \"weight\": 1}]");
        String family = unique("cpfam");
        register(simpleDefinition(family)).statusCode(200);
        try (KafkaTestClient.Collector specs = KafkaTestClient.collect(Topics.SERVICE_SPECS)) {
            // With neither: the cluster's default, stored with the service.
            createService(c[0], """
                    {"serviceName": "web", "taskDefinition": "%s", "desiredCount": 2}
                    """.formatted(family)).statusCode(200)
                    .body("service.capacityProviderStrategy[0].capacityProvider", equalTo(c[1]))
                    .body("service.launchType", nullValue());
            ServiceSpec first = awaitSpec(specs, c[0], "web", s -> !s.capacityProviderStrategy().isEmpty());
            assertThat(first.capacityProviderStrategy()).containsExactly(new CapacityProviderStrategyItem(c[1], 0, 1));

            updateService(c[0], "web", """
                    {"capacityProviderStrategy": [{"capacityProvider": "%s", "base": 1, "weight": 1}]}
                    """.formatted(c[2])).statusCode(200)
                    .body("service.capacityProviderStrategy[0].capacityProvider", equalTo(c[2]))
                    .body("service.capacityProviderStrategy[0].base", equalTo(1));
            ServiceSpec moved = awaitSpec(specs, c[0], "web", s -> s.capacityProviderStrategy().stream()
                    .anyMatch(i -> i.capacityProvider().equals(c[2])));
            assertThat(moved.deploymentId()).isNotEqualTo(first.deploymentId());
            // The desired count alone keeps the deployment and the strategy.
            updateService(c[0], "web", "{\"desiredCount\": 3}").statusCode(200);
            ServiceSpec scaled = awaitSpec(specs, c[0], "web", s -> s.desiredCount() == 3);
            assertThat(scaled.deploymentId()).isEqualTo(moved.deploymentId());
            assertThat(scaled.capacityProviderStrategy()).isEqualTo(moved.capacityProviderStrategy());

            updateService(c[0], "web", "{\"capacityProviderStrategy\": [{\"capacityProvider\": \"x\", \"weight\": 1}]}")
                    .statusCode(400)
                    .body("message", equalTo("capacityProviderStrategy[0].capacityProvider: capacity provider x is "
                            + "not associated with cluster " + c[0]));
            // launchType EC2: no strategy, launch type shown.
            createService(c[0], """
                    {"serviceName": "plain", "taskDefinition": "%s", "desiredCount": 1, "launchType": "EC2"}
                    """.formatted(family)).statusCode(200)
                    .body("service.launchType", equalTo("EC2"))
                    .body("service.capacityProviderStrategy", nullValue());
        }
        // The scheduler's PROVISIONING report of a service task not yet known records it from its spec.
        String taskIdentifier = unique("t").replace("-", "");
        TaskSpec spec = new TaskSpec(c[0], taskIdentifier, null, io.longshore.controlplane.support.Api
                .taskDefinitionArn(family, 1), family, ServiceSpec.group("web"), "ecs-svc/d1", "bridge", null, null,
                List.of(new io.longshore.common.model.ContainerDefinition("web", "longshore/busybox:latest", 128, 128,
                        null, null, null, null, null, null, null, null, null, null)))
                .withCapacityProviderName(c[2]);
        TaskStateChange report = provisioning(spec);
        TestKafka.send(Topics.TASK_STATE, report.key(), report);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/v1/clusters/" + c[0] + "/tasks/" + taskIdentifier).then().statusCode(200)
                        .body("task.lastStatus", equalTo("PROVISIONING"))
                        .body("task.capacityProviderName", equalTo(c[2]))
                        .body("task.group", equalTo("service:web")));
    }

    static ServiceSpec awaitSpec(KafkaTestClient.Collector specs, String cluster, String service,
                                 java.util.function.Predicate<ServiceSpec> match) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> specs.records().stream()
                .filter(r -> MessageKeys.of(cluster, service).equals(r.key()))
                .map(r -> Json.read(r.value(), ServiceSpec.class))
                .filter(match).reduce((a, b) -> b).orElse(null), s -> s != null);
    }
}
