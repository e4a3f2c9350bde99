package io.longshore.controlplane.messaging;

import static io.longshore.controlplane.support.Api.createService;
import static io.longshore.controlplane.support.Api.deleteService;
import static io.longshore.controlplane.support.Api.describeService;
import static io.longshore.controlplane.support.Api.register;
import static io.longshore.controlplane.support.Api.serviceArn;
import static io.longshore.controlplane.support.Api.simpleDefinition;
import static io.longshore.controlplane.support.Api.taskDefinitionArn;
import static io.longshore.controlplane.support.Api.unique;
import static io.longshore.controlplane.support.Api.updateService;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.longshore.common.messaging.Json;
import io.longshore.common.messaging.MessageKeys;
import io.longshore.common.messaging.ServiceEvent;
import io.longshore.common.messaging.ServiceSpec;
import io.longshore.common.messaging.ServiceStatus;
import io.longshore.common.messaging.ServiceStatus.Deployment;
import io.longshore.common.messaging.TaskStateChange;
import io.longshore.common.messaging.Topics;
import io.longshore.common.model.Allocation;
import io.longshore.common.model.ContainerDefinition;
import io.longshore.common.model.ContainerState;
import io.longshore.common.model.HealthCheck;
import io.longshore.common.model.HealthStatus;
import io.longshore.common.model.HostPort;
import io.longshore.common.model.NetworkBinding;
import io.longshore.common.model.StopCode;
import io.longshore.common.model.TaskSpec;
import io.longshore.common.model.TaskStatus;
import io.longshore.testing.KafkaTestClient;
import io.longshore.testing.KafkaTestResource;
import io.longshore.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the scheduler reports about services reaches the API: service status (deployments, counts,
 * rollbacks, the end of draining), service events, and the tasks it starts for a service.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class ServiceMessagingTest {
    static KafkaTestClient kafka;

    @BeforeAll
    static void client() {
        kafka = new KafkaTestClient();
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    static String family() {
        String family = unique("msgfam");
        register(simpleDefinition(family)).statusCode(200);
        return family;
    }

    static String deploymentId(String service) {
        return describeService("default", service).extract().path("service.deployments[0].id");
    }

    static Deployment deployment(String id, String status, String taskDefinition, int desired, int running,
                                 int pending, int failed, String rolloutState, String reason) {
        Instant at = Instant.now();
        return new Deployment(id, status, taskDefinition, null, null, desired, pending, running, failed, rolloutState,
                reason, at.minusSeconds(60), at);
    }

    static void sendStatus(String service, String specDeploymentId, int desired, int running, int pending,
                           Deployment... deployments) {
        ServiceStatus status = new ServiceStatus("default", service, specDeploymentId, List.of(deployments), null,
                desired, running, pending, Instant.now());
        kafka.send(Topics.SERVICE_STATUS, status.key(), status);
    }

    static void sendEvent(String service, String id, Instant at, String message) {
        ServiceEvent event = new ServiceEvent("default", service, id, at, message);
        kafka.send(Topics.SERVICE_EVENTS, event.key(), event);
    }

    static void eventually(Runnable assertion) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(assertion::run);
    }

    @Test
    void aStatusShowsUpInDescribe() {
        String family = family();
        String name = unique("status");
        createService("default", "{\"serviceName\": \"" + name + "\", \"taskDefinition\": \"" + family
                + "\", \"desiredCount\": 3}").statusCode(200);
        String id = deploymentId(name);
        String arn = taskDefinitionArn(family, 1);
        sendStatus(name, id, 3, 2, 1,
                deployment(id, "PRIMARY", arn, 3, 2, 1, 1, "IN_PROGRESS", "ECS deployment " + id + " in progress."));
        eventually(() -> describeService("default", name)
                .body("service.runningCount", equalTo(2))
                .body("service.pendingCount", equalTo(1))
                .body("service.desiredCount", equalTo(3))
                .body("service.status", equalTo("ACTIVE"))
                .body("service.deployments", hasSize(1))
                .body("service.deployments[0].id", equalTo(id))
                .body("service.deployments[0].status", equalTo("PRIMARY"))
                .body("service.deployments[0].taskDefinition", equalTo(arn))
                .body("service.deployments[0].desiredCount", equalTo(3))
                .body("service.deployments[0].runningCount", equalTo(2))
                .body("service.deployments[0].pendingCount", equalTo(1))
                .body("service.deployments[0].failedTasks", equalTo(1))
                .body("service.deployments[0].rolloutState", equalTo("IN_PROGRESS"))
                .body("service.deployments[0].rolloutStateReason", equalTo("ECS deployment " + id + " in progress."))
                .body("service.deployments[0].createdAt", notNullValue())
                .body("service.deployments[0].updatedAt", notNullValue())
                // The template and constraints the scheduler keeps are not part of ECS's deployment.
                .body("service.deployments[0].taskTemplate", nullValue()));

        // Steady: completed. A later count change keeps what the scheduler said until it says more.
        sendStatus(name, id, 3, 3, 0, deployment(id, "PRIMARY", arn, 3, 3, 0, 1, "COMPLETED", null));
        eventually(() -> describeService("default", name)
                .body("service.runningCount", equalTo(3))
                .body("service.deployments[0].rolloutState", equalTo("COMPLETED")));
        updateService("default", name, "{\"desiredCount\": 4}").statusCode(200)
                .body("service.desiredCount", equalTo(4))
                .body("service.runningCount", equalTo(3))
                .body("service.deployments", hasSize(1))
                .body("service.deployments[0].rolloutState", equalTo("COMPLETED"));
        // A new deployment leads at once, before the scheduler has read it; the old one is being replaced.
        updateService("default", name, "{\"forceNewDeployment\": true}").statusCode(200)
                .body("service.deployments", hasSize(2))
                .body("service.deployments[0].status", equalTo("PRIMARY"))
                .body("service.deployments[0].rolloutState", equalTo("IN_PROGRESS"))
                .body("service.deployments[0].runningCount", equalTo(0))
                .body("service.deployments[0].desiredCount", equalTo(4))
                .body("service.deployments[1].id", equalTo(id))
                .body("service.deployments[1].status", equalTo("ACTIVE"))
                .body("service.deployments[1].runningCount", equalTo(3));
        String forced = deploymentId(name);
        assertThat(forced).isNotEqualTo(id);
        sendStatus(name, forced, 4, 3, 1,
                deployment(forced, "PRIMARY", arn, 4, 1, 1, 0, "IN_PROGRESS", null),
                deployment(id, "ACTIVE", arn, 2, 2, 0, 0, "COMPLETED", null));
        eventually(() -> describeService("default", name)
                .body("service.deployments.id", contains(forced, id))
                .body("service.deployments[0].runningCount", equalTo(1)));
    }

    @Test
    void aRollbackChangesTheServicesTaskDefinition() throws Exception {
        String family = family();
        register(simpleDefinition(family)).statusCode(200); // revision 2
        String name = unique("rollback");
        createService("default", "{\"serviceName\": \"" + name + "\", \"taskDefinition\": \"" + family
                + ":1\", \"desiredCount\": 2, \"deploymentConfiguration\": {\"deploymentCircuitBreaker\": "
                + "{\"enable\": true, \"rollback\": true}}}").statusCode(200);
        String first = deploymentId(name);
        updateService("default", name, "{\"taskDefinition\": \"" + family + ":2\"}").statusCode(200)
                .body("service.taskDefinition", equalTo(taskDefinitionArn(family, 2)));
        String second = deploymentId(name);
        assertThat(second).isNotEqualTo(first); // the synthetic deployment follows the spec until a status

        // The circuit breaker tripped: the first deployment is PRIMARY again, the second FAILED.
        sendStatus(name, second, 2, 2, 0,
                deployment(first, "PRIMARY", taskDefinitionArn(family, 1), 2, 2, 0, 0, "IN_PROGRESS",
                        "ECS deployment circuit breaker: rolling back to deploymentId " + first + "."),
                deployment(second, "ACTIVE", taskDefinitionArn(family, 2), 0, 0, 0, 3, "FAILED",
                        "ECS deployment circuit breaker: tasks failed to start."));
        eventually(() -> describeService("default", name)
                .body("service.taskDefinition", equalTo(taskDefinitionArn(family, 1)))
                .body("service.deployments.id", contains(first, second))
                .body("service.deployments[1].rolloutState", equalTo("FAILED"))
                .body("service.deployments[1].failedTasks", equalTo(3)));

        // What the service publishes next runs what it rolled back to, under the deployment it asked for.
        try (KafkaTestClient.Collector specs = KafkaTestClient.collect(Topics.SERVICE_SPECS)) {
            updateService("default", name, "{\"desiredCount\": 3}").statusCode(200)
                    .body("service.taskDefinition", equalTo(taskDefinitionArn(family, 1)));
            ServiceSpec spec = await().atMost(Duration.ofSeconds(30)).until(() -> specs.records().stream()
                    .filter(r -> MessageKeys.of("default", name).equals(r.key()))
                    .map(r -> Json.read(r.value(), ServiceSpec.class))
                    .filter(s -> s.desiredCount() == 3).findFirst().orElse(null), s -> s != null);
            assertThat(spec.taskTemplate().taskDefinitionArn()).isEqualTo(taskDefinitionArn(family, 1));
            assertThat(spec.deploymentId()).isEqualTo(second);
        }
    }

    @Test
    void aDrainingServiceWithNothingLeftBecomesInactiveAndItsNameFree() {
        String family = family();
        String name = unique("drain");
        createService("default", "{\"serviceName\": \"" + name + "\", \"taskDefinition\": \"" + family
                + "\", \"desiredCount\": 2}").statusCode(200);
        String id = deploymentId(name);
        String arn = taskDefinitionArn(family, 1);
        sendEvent(name, UUID.randomUUID().toString(), Instant.now(), "(service " + name + ") has started 2 tasks.");
        deleteService("default", name, true).statusCode(200).body("service.status", equalTo("DRAINING"));
        sendStatus(name, id, 0, 1, 0, deployment(id, "PRIMARY", arn, 0, 1, 0, 0, "COMPLETED", null));
        eventually(() -> describeService("default", name).body("service.runningCount", equalTo(1)));
        describeService("default", name).body("service.status", equalTo("DRAINING"))
                .body("service.desiredCount", equalTo(0));

        sendStatus(name, id, 0, 0, 0, deployment(id, "PRIMARY", arn, 0, 0, 0, 0, "COMPLETED", null));
        eventually(() -> describeService("default", name).body("service.status", equalTo("INACTIVE")));
        describeService("default", name).body("service.runningCount", equalTo(0))
                .body("service.events", hasSize(1));
        given().get("/v1/clusters/default/services").then()
                .body("serviceArns", not(hasItem(serviceArn("default", name))));
        // Gone for good: not updatable, deleting changes nothing, and a later status does not revive it.
        updateService("default", name, "{\"desiredCount\": 1}").statusCode(400)
                .body("__type", equalTo("ServiceNotActiveException"));
        deleteService("default", name, false).statusCode(200).body("service.status", equalTo("INACTIVE"));

        // The name may be taken again: a new service, its own deployment, an empty event log.
        createService("default", "{\"serviceName\": \"" + name + "\", \"taskDefinition\": \"" + family
                + "\", \"desiredCount\": 1}").statusCode(200)
                .body("service.status", equalTo("ACTIVE"))
                .body("service.desiredCount", equalTo(1))
                .body("service.runningCount", equalTo(0))
                .body("service.deployments", hasSize(1))
                .body("service.deployments[0].rolloutState", equalTo("IN_PROGRESS"))
                .body("service.events", empty());
        assertThat(deploymentId(name)).isNotEqualTo(id);
        given().get("/v1/clusters/default/services").then()
                .body("serviceArns", hasItem(serviceArn("default", name)));
    }

    @Test
    void aDaemonsDesiredCountComesFromItsStatus() {
        String family = family();
        String name = unique("daemon");
        createService("default", "{\"serviceName\": \"" + name + "\", \"taskDefinition\": \"" + family
                + "\", \"schedulingStrategy\": \"DAEMON\"}").statusCode(200).body("service.desiredCount", equalTo(0));
        String id = deploymentId(name);
        sendStatus(name, id, 3, 2, 1,
                deployment(id, "PRIMARY", taskDefinitionArn(family, 1), 3, 2, 1, 0, "IN_PROGRESS", null));
        eventually(() -> describeService("default", name)
                .body("service.desiredCount", equalTo(3))
                .body("service.runningCount", equalTo(2)));
    }

    @Test
    void eventsShowNewestFirstAndOnce() {
        String family = family();
        String name = unique("events");
        createService("default", "{\"serviceName\": \"" + name + "\", \"taskDefinition\": \"" + family
                + "\", \"desiredCount\": 1}").statusCode(200);
        Instant t0 = Instant.parse("2026-03-01T10:00:00Z");
        sendEvent(name, "e1", t0, "(service " + name + ") has started 1 tasks: (task a).");
        sendEvent(name, "e3", t0.plusSeconds(20), "(service " + name + ") has reached a steady state.");
        sendEvent(name, "e2", t0.plusSeconds(10), "(service " + name + ") registered 1 targets.");
        sendEvent(name, "e3", t0.plusSeconds(20), "(service " + name + ") has reached a steady state.");
        // Another service's events stay its own.
        sendEvent("someone-else", "e9", t0.plusSeconds(30), "(service someone-else) has reached a steady state.");
        eventually(() -> describeService("default", name)
                .body("service.events.id", contains("e3", "e2", "e1"))
                .body("service.events[0].message", equalTo("(service " + name + ") has reached a steady state."))
                .body("service.events[0].createdAt", equalTo("2026-03-01T10:00:20Z")));
        // A redelivered one, after the fact, is still stored once.
        sendEvent(name, "e1", t0, "(service " + name + ") has started 1 tasks: (task a).");
        sendEvent(name, "e4", t0.plusSeconds(40), "(service " + name + ") has reached a steady state.");
        eventually(() -> describeService("default", name).body("service.events.id", contains("e4", "e3", "e2", "e1")));
    }

    @Test
    void onlyTheNewestHundredEventsAreKept() {
        String family = family();
        String name = unique("chatty");
        createService("default", "{\"serviceName\": \"" + name + "\", \"taskDefinition\": \"" + family
                + "\", \"desiredCount\": 1}").statusCode(200);
        Instant t0 = Instant.parse("2026-03-01T10:00:00Z");
        IntStream.range(0, 105).forEach(i -> sendEvent(name, name + "-" + i, t0.plusSeconds(i), "event " + i));
        eventually(() -> describeService("default", name)
                .body("service.events", hasSize(100))
                .body("service.events[0].id", equalTo(name + "-104"))
                .body("service.events[99].id", equalTo(name + "-5")));
    }

    @Test
    void unreadableAndTombstoneStatusesAreSkipped() throws Exception {
        String family = family();
        String name = unique("poison");
        createService("default", "{\"serviceName\": \"" + name + "\", \"taskDefinition\": \"" + family
                + "\", \"desiredCount\": 1}").statusCode(200);
        String id = deploymentId(name);
        try (KafkaTestClient.Collector dead = KafkaTestClient.collect(Topics.DEAD_LETTER)) {
            kafka.sendRaw(Topics.SERVICE_STATUS, MessageKeys.of("default", name), "{not json");
            kafka.sendRaw(Topics.SERVICE_STATUS, MessageKeys.of("default", name), null);
            kafka.sendRaw(Topics.SERVICE_EVENTS, MessageKeys.of("default", name), "{\"cluster\": \"default\"}");
            String badDefinition = "{\"cluster\": \"default\", \"serviceName\": \"" + name + "\", "
                    + "\"deployments\": [{\"id\": \"x\", \"status\": \"PRIMARY\", \"taskDefinition\": \"no such\"}]}";
            kafka.sendRaw(Topics.SERVICE_STATUS, MessageKeys.of("default", name), badDefinition);
            // The consumers moved on: what came next is applied.
            sendStatus(name, id, 1, 1, 0,
                    deployment(id, "PRIMARY", taskDefinitionArn(family, 1), 1, 1, 0, 0, "COMPLETED", null));
            sendEvent(name, "after-" + name, Instant.now(), "(service " + name + ") has reached a steady state.");
            eventually(() -> describeService("default", name)
                    .body("service.runningCount", equalTo(1))
                    .body("service.events.id", contains("after-" + name)));
            await().atMost(Duration.ofSeconds(30)).until(() -> dead.records().stream()
                    .filter(r -> MessageKeys.of("default", name).equals(r.key())).count() == 3);
            assertThat(dead.records().stream().filter(r -> MessageKeys.of("default", name).equals(r.key()))
                    .map(r -> r.value())).containsExactlyInAnyOrder("{not json", "{\"cluster\": \"default\"}",
                    badDefinition);
            describeService("default", name).body("service.taskDefinition", equalTo(taskDefinitionArn(family, 1)));
        }
    }

    @Test
    void theSchedulersFirstReportOfAServiceTaskCreatesIt() {
        String family = unique("checked");
        register("""
                {"family": "%s",
                 "containerDefinitions": [{"name": "web", "image": "longshore/busybox:latest", "memory": 64,
                   "portMappings": [{"containerPort": 80}],
                   "healthCheck": {"command": ["CMD-SHELL", "wget -q localhost"], "interval": 5, "retries": 2}}]}
                """.formatted(family)).statusCode(200);
        String name = unique("tasks");
        createService("default", "{\"serviceName\": \"" + name + "\", \"taskDefinition\": \"" + family
                + "\", \"desiredCount\": 1}").statusCode(200);
        String deployment = deploymentId(name);
        String taskId = UUID.randomUUID().toString().replace("-", "");
        String startedBy = ServiceSpec.startedBy(deployment);
        ContainerDefinition web = new ContainerDefinition("web", "longshore/busybox:latest", null, 64, null,
                List.of(new io.longshore.common.model.PortMapping(80, null, null)), null, null, null, null, null,
                null, null, new HealthCheck(List.of("CMD-SHELL", "wget -q localhost"), 5, null, 2, null));
        TaskSpec spec = new TaskSpec("default", taskId, "arn:aws:ecs:local:000000000000:task/default/" + taskId,
                taskDefinitionArn(family, 1), family, ServiceSpec.group(name), startedBy, "bridge", null, null,
                List.of(web));
        Instant now = Instant.now();
        Allocation allocation = new Allocation("i-7", 0, 64, List.of(new HostPort(49170, "tcp")),
                ServiceSpec.group(name));
        TaskStateChange placed = new TaskStateChange("default", taskId, TaskStatus.PENDING, allocation, null, null,
                null, null, null, null, now, "scheduler", startedBy, null, spec);
        kafka.send(Topics.TASK_STATE, placed.key(), placed);

        eventually(() -> given().queryParam("serviceName", name).get("/v1/clusters/default/tasks").then()
                .statusCode(200)
                .body("tasks", hasSize(1))
                .body("tasks[0].taskArn", equalTo("arn:aws:ecs:local:000000000000:task/default/" + taskId))
                .body("tasks[0].taskDefinitionArn", equalTo(taskDefinitionArn(family, 1)))
                .body("tasks[0].group", equalTo("service:" + name))
                .body("tasks[0].startedBy", equalTo(startedBy))
                .body("tasks[0].lastStatus", equalTo("PENDING"))
                .body("tasks[0].desiredStatus", equalTo("RUNNING"))
                .body("tasks[0].healthStatus", equalTo("UNKNOWN"))
                .body("tasks[0].memory", equalTo("64"))
                .body("tasks[0].containerInstanceArn",
                        equalTo("arn:aws:ecs:local:000000000000:container-instance/default/i-7"))
                .body("tasks[0].containers[0].name", equalTo("web"))
                .body("tasks[0].containers[0].healthStatus", equalTo("UNKNOWN"))
                .body("tasks[0].version", equalTo(1)));
        given().queryParam("startedBy", startedBy).get("/v1/clusters/default/tasks").then()
                .body("tasks", hasSize(1));
        given().queryParam("serviceName", unique("other")).get("/v1/clusters/default/tasks").then()
                .body("tasks", empty());

        // The agent reports it running, then healthy; the same first report again creates nothing new.
        kafka.send(Topics.TASK_STATE, placed.key(), placed);
        List<ContainerState> running = List.of(new ContainerState("web", "longshore/busybox:latest", "c0ffee",
                TaskStatus.RUNNING, null, null, List.of(new NetworkBinding("127.0.0.1", 80, 49170, "tcp")),
                HealthStatus.UNKNOWN));
        kafka.send(Topics.TASK_STATE, placed.key(), new TaskStateChange("default", taskId, TaskStatus.RUNNING,
                allocation, running, null, null, now, null, null, Instant.now(), "agent/i-7", startedBy,
                HealthStatus.UNKNOWN, null));
        List<ContainerState> healthy = List.of(new ContainerState("web", "longshore/busybox:latest", "c0ffee",
                TaskStatus.RUNNING, null, null, List.of(new NetworkBinding("127.0.0.1", 80, 49170, "tcp")),
                HealthStatus.HEALTHY));
        kafka.send(Topics.TASK_STATE, placed.key(), new TaskStateChange("default", taskId, TaskStatus.RUNNING,
                allocation, healthy, null, null, now, null, null, Instant.now(), "agent/i-7", startedBy,
                HealthStatus.HEALTHY, null));
        eventually(() -> given().get("/v1/clusters/default/tasks/" + taskId).then().statusCode(200)
                .body("task.lastStatus", equalTo("RUNNING"))
                .body("task.healthStatus", equalTo("HEALTHY"))
                .body("task.containers[0].healthStatus", equalTo("HEALTHY"))
                .body("task.containers[0].runtimeId", equalTo("c0ffee"))
                .body("task.startedBy", equalTo(startedBy)));
        given().queryParam("serviceName", name).get("/v1/clusters/default/tasks").then()
                .body("tasks", hasSize(1))
                .body("tasks[0].healthStatus", equalTo("HEALTHY"));

        // The scheduler stops it (DEACTIVATING, no containers in the report): desired STOPPED, containers kept.
        kafka.send(Topics.TASK_STATE, placed.key(), new TaskStateChange("default", taskId, TaskStatus.DEACTIVATING,
                allocation, null, StopCode.ServiceSchedulerInitiated, "Scaling activity initiated by (deployment "
                + deployment + ")", now, null, null, Instant.now(), "scheduler", startedBy, HealthStatus.HEALTHY, null));
        eventually(() -> given().get("/v1/clusters/default/tasks/" + taskId).then().statusCode(200)
                .body("task.lastStatus", equalTo("DEACTIVATING"))
                .body("task.desiredStatus", equalTo("STOPPED"))
                .body("task.stopCode", equalTo("ServiceSchedulerInitiated"))
                .body("task.containers[0].runtimeId", equalTo("c0ffee")));

        // A report of an unknown task without a spec (an agent's, of a task never recorded) creates nothing.
        String stray = UUID.randomUUID().toString().replace("-", "");
        kafka.send(Topics.TASK_STATE, MessageKeys.of("default", stray), new TaskStateChange("default", stray,
                TaskStatus.RUNNING, allocation, running, null, null, now, null, null, Instant.now(), "agent/i-7",
                startedBy, HealthStatus.UNKNOWN, null));
        // Its spec-less report was consumed before this one, which is on the same partition.
        String marker = UUID.randomUUID().toString().replace("-", "");
        TaskSpec markerSpec = new TaskSpec("default", marker, null, taskDefinitionArn(family, 1), family,
                ServiceSpec.group(name), startedBy, "bridge", null, null, List.of(web));
        kafka.send(Topics.TASK_STATE, MessageKeys.of("default", marker), new TaskStateChange("default", marker,
                TaskStatus.PENDING, allocation, null, null, null, null, null, null, Instant.now(), "scheduler",
                startedBy, null, markerSpec));
        eventually(() -> given().get("/v1/clusters/default/tasks/" + marker).then().statusCode(200)
                .body("task.taskArn", equalTo("arn:aws:ecs:local:000000000000:task/default/" + marker)));
        given().get("/v1/clusters/default/tasks/" + stray).then().statusCode(404);
        // ListTasks lists desiredStatus RUNNING by default: the marker, not the task being stopped.
        given().queryParam("serviceName", name).get("/v1/clusters/default/tasks").then().body("tasks", hasSize(1));
    }

    @Test
    void runTaskTasksReportNoHealthUntilTheAgentDoes() {
        String family = family();
        String taskId = given().contentType("application/json").body("{\"taskDefinition\": \"" + family + "\"}")
                .post("/v1/clusters/default/tasks").then().statusCode(200).extract().path("tasks[0].taskArn");
        String id = taskId.substring(taskId.lastIndexOf('/') + 1);
        given().get("/v1/clusters/default/tasks/" + id).then()
                .body("task.healthStatus", equalTo("UNKNOWN"))
                .body("task.containers[0].healthStatus", equalTo("UNKNOWN"));
    }
}
