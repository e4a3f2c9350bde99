package io.longshore.controlplane.api;

import static io.longshore.controlplane.support.Api.register;
import static io.longshore.controlplane.support.Api.runTask;
import static io.longshore.controlplane.support.Api.simpleDefinition;
import static io.longshore.controlplane.support.Api.taskId;
import static io.longshore.controlplane.support.Api.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.longshore.common.messaging.Json;
import io.longshore.common.messaging.MessageKeys;
import io.longshore.common.messaging.PlacementFailures;
import io.longshore.common.messaging.TaskRequest;
import io.longshore.common.messaging.TaskStateChange;
import io.longshore.common.messaging.Topics;
import io.longshore.common.model.Allocation;
import io.longshore.common.model.ContainerState;
import io.longshore.common.model.HostPort;
import io.longshore.common.model.KeyValuePair;
import io.longshore.common.model.NetworkBinding;
import io.longshore.common.model.StopCode;
import io.longshore.common.model.TaskSpec;
import io.longshore.common.model.TaskStatus;
import io.longshore.controlplane.support.FakeScheduler;
import io.longshore.controlplane.support.TestKafka;
import io.longshore.testing.KafkaTestResource;
import io.longshore.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class RunTaskApiTest {

    static TaskStateChange placed(TaskSpec spec, String instance, int hostPort) {
        Instant now = Instant.now();
        return new TaskStateChange(spec.cluster(), spec.taskId(), TaskStatus.PENDING,
                new Allocation(instance, spec.requiredCpu(), spec.requiredMemory(), List.of(new HostPort(hostPort, "tcp"))),
                null, null, null, null, null, null, now, "scheduler");
    }

    static TaskStateChange unplaceable(TaskSpec spec, String reason) {
        Instant now = Instant.now();
        return new TaskStateChange(spec.cluster(), spec.taskId(), TaskStatus.STOPPED, null, null,
                StopCode.TaskFailedToStart, PlacementFailures.stoppedReason(reason), null, null, now, now, "scheduler");
    }

    static void report(String cluster, String taskId, TaskStatus status, List<ContainerState> containers,
                       StopCode stopCode, String reason) {
        Instant now = Instant.now();
        TaskStateChange change = new TaskStateChange(cluster, taskId, status,
                new Allocation("i-1", 128, 128, List.of(new HostPort(49153, "tcp"))), containers, stopCode, reason,
                status.compareTo(TaskStatus.RUNNING) >= 0 ? now : null, null,
                status == TaskStatus.STOPPED ? now : null, now, "agent/i-1");
        TestKafka.send(Topics.TASK_STATE, change.key(), change);
    }

    @Test
    void placedTasksComeBackPendingWithTheirInstance() throws Exception {
        String family = unique("placed");
        register(simpleDefinition(family)).statusCode(200);
        try (FakeScheduler scheduler = FakeScheduler.start(family, spec -> placed(spec, "i-1", 49153))) {
            var response = runTask("default", """
                    {"taskDefinition": "%s", "count": 2, "startedBy": "tester", "group": "g1",
                     "overrides": {"containerOverrides": [{"name": "web", "command": ["sleep", "5"],
                        "environment": [{"name": "B", "value": "two"}, {"name": "C", "value": "3"}]}]},
                     "placementStrategy": [{"type": "binpack", "field": "memory"}],
                     "placementConstraints": [{"type": "distinctInstance"}]}
                    """.formatted(family))
                    .statusCode(200)
                    .body("tasks", hasSize(2))
                    .body("failures", empty())
                    .body("tasks[0].lastStatus", equalTo("PENDING"))
                    .body("tasks[0].desiredStatus", equalTo("RUNNING"))
                    .body("tasks[0].containerInstanceArn",
                            equalTo("arn:aws:ecs:local:000000000000:container-instance/default/i-1"))
                    .body("tasks[0].taskDefinitionArn", startsWith("arn:aws:ecs:local:000000000000:task-definition/" + family + ":1"))
                    .body("tasks[0].group", equalTo("g1"))
                    .body("tasks[0].startedBy", equalTo("tester"))
                    .body("tasks[0].cpu", equalTo("128"))
                    .body("tasks[0].memory", equalTo("128"))
                    .body("tasks[0].containers[0].name", equalTo("web"))
                    .body("tasks[0].createdAt", notNullValue())
                    .extract();
            String taskArn = response.path("tasks[0].taskArn");
            assertThat(taskId(taskArn)).matches("[0-9a-f]{32}");

            // One PlaceTasks for the call, keyed cluster/requestId, with the overrides applied to the specs.
            assertThat(scheduler.received).hasSize(1);
            TaskRequest.PlaceTasks place = scheduler.received.get(0);
            assertThat(place.cluster()).isEqualTo("default");
            assertThat(place.tasks()).hasSize(2);
            assertThat(place.placementStrategy()).containsExactly(new TaskRequest.PlacementStrategy("binpack", "memory"));
            assertThat(place.placementConstraints()).containsExactly(new TaskRequest.PlacementConstraint("distinctInstance", null));
            TaskSpec spec = place.tasks().get(0);
            assertThat(spec.group()).isEqualTo("g1");
            assertThat(spec.containers().get(0).command()).containsExactly("sleep", "5");
            assertThat(spec.containers().get(0).environment()).containsExactly(
                    new KeyValuePair("A", "1"), new KeyValuePair("B", "two"), new KeyValuePair("C", "3"));
            ConsumerRecord<String, String> record = TestKafka.awaitRecord(Topics.TASK_REQUESTS,
                    r -> r.value().contains(place.requestId()));
            assertThat(record.key()).isEqualTo(MessageKeys.of("default", place.requestId()));
        }
    }

    /** simpleDefinition with {@code n} memberOf constraints of its own. */
    static String definitionWithConstraints(String family, int n) {
        String constraints = java.util.stream.IntStream.range(0, n)
                .mapToObj(i -> "{\"type\": \"memberOf\", \"expression\": \"attribute:slot != s" + i + "\"}")
                .collect(java.util.stream.Collectors.joining(", "));
        return simpleDefinition(family).replaceFirst("\\{", "{\"placementConstraints\": [" + constraints + "], ");
    }

    static String requestConstraints(int n) {
        return java.util.stream.IntStream.range(0, n)
                .mapToObj(i -> "{\"type\": \"memberOf\", \"expression\": \"attribute:rack != r" + i + "\"}")
                .collect(java.util.stream.Collectors.joining(", ", "[", "]"));
    }

    @Test
    void theDefinitionsConstraintsAndTheRequestsBothReachThePlaceTasksRequest() throws Exception {
        String family = unique("pinned");
        register("""
                {"family": "%s",
                 "containerDefinitions": [{"name": "web", "image": "longshore/busybox:latest", "memory": 64}],
                 "placementConstraints": [{"type": "memberOf", "expression": "attribute:ecs.os-type == linux"}]}
                """.formatted(family)).statusCode(200);
        try (FakeScheduler scheduler = FakeScheduler.start(family, spec -> placed(spec, "i-1", 49153))) {
            runTask("default", """
                    {"taskDefinition": "%s", "count": 2,
                     "placementConstraints": [{"type": "distinctInstance"},
                       {"type": "memberOf", "expression": "attribute:ecs.availability-zone in [az-a, az-b]"}]}
                    """.formatted(family))
                    .statusCode(200)
                    .body("tasks", hasSize(2))
                    .body("failures", empty());
            assertThat(scheduler.received).hasSize(1);
            assertThat(scheduler.received.get(0).placementConstraints()).containsExactly(
                    new TaskRequest.PlacementConstraint("memberOf", "attribute:ecs.os-type == linux"),
                    new TaskRequest.PlacementConstraint("distinctInstance", null),
                    new TaskRequest.PlacementConstraint("memberOf", "attribute:ecs.availability-zone in [az-a, az-b]"));

            // Without constraints of its own, the request is placed under the definition's.
            runTask("default", "{\"taskDefinition\": \"" + family + "\"}").statusCode(200).body("tasks", hasSize(1));
            await().atMost(Duration.ofSeconds(20)).until(() -> scheduler.received.size() == 2);
            assertThat(scheduler.received.get(1).placementConstraints()).containsExactly(
                    new TaskRequest.PlacementConstraint("memberOf", "attribute:ecs.os-type == linux"));
        }
    }

    @Test
    void atMostTenConstraintsInTotalWithTheDefinitions() throws Exception {
        String family = unique("crowded");
        register(definitionWithConstraints(family, 4)).statusCode(200)
                .body("taskDefinition.placementConstraints", hasSize(4));
        try (FakeScheduler scheduler = FakeScheduler.start(family, spec -> placed(spec, "i-1", 49153))) {
            // 4 + 7 = 11: refused, nothing created, nothing sent.
            runTask("default", "{\"taskDefinition\": \"" + family + "\", \"placementConstraints\": "
                    + requestConstraints(7) + "}")
                    .statusCode(400)
                    .body("__type", equalTo("InvalidParameterException"))
                    .body("message", equalTo(
                            "placementConstraints: at most 10 constraints in total with the task definition's (4)"));
            given().queryParam("family", family).get("/v1/clusters/default/tasks").then().body("tasks", empty());

            // 4 + 6 = 10: placed, with all ten.
            runTask("default", "{\"taskDefinition\": \"" + family + "\", \"placementConstraints\": "
                    + requestConstraints(6) + "}")
                    .statusCode(200)
                    .body("tasks", hasSize(1));
            assertThat(scheduler.received).hasSize(1);
            List<TaskRequest.PlacementConstraint> merged = scheduler.received.get(0).placementConstraints();
            assertThat(merged).hasSize(10);
            assertThat(merged.subList(0, 4)).extracting(TaskRequest.PlacementConstraint::expression)
                    .containsExactly("attribute:slot != s0", "attribute:slot != s1", "attribute:slot != s2",
                            "attribute:slot != s3");
            assertThat(merged.subList(4, 10)).extracting(TaskRequest.PlacementConstraint::expression)
                    .allMatch(e -> e.startsWith("attribute:rack != r"));
        }
    }

    @Test
    void unplaceableTasksBecomeFailuresWithTheirReason() throws Exception {
        String family = unique("full");
        register(simpleDefinition(family)).statusCode(200);
        AtomicInteger n = new AtomicInteger();
        try (FakeScheduler ignored = FakeScheduler.start(family, spec -> n.getAndIncrement() == 0
                ? placed(spec, "i-9", 49200) : unplaceable(spec, "RESOURCE:MEMORY"))) {
            var response = runTask("default", "{\"taskDefinition\": \"" + family + ":1\", \"count\": 3}")
                    .statusCode(200)
                    .body("tasks", hasSize(1))
                    .body("tasks[0].lastStatus", equalTo("PENDING"))
                    .body("failures", hasSize(2))
                    .body("failures[0].reason", equalTo("RESOURCE:MEMORY"))
                    .body("failures[0].arn", startsWith("arn:aws:ecs:local:000000000000:task/default/"))
                    .extract();
            // The failed task exists, STOPPED with the scheduler's reason.
            String failed = taskId(response.path("failures[0].arn"));
            given().get("/v1/clusters/default/tasks/" + failed).then().statusCode(200)
                    .body("task.lastStatus", equalTo("STOPPED"))
                    .body("task.desiredStatus", equalTo("STOPPED"))
                    .body("task.stopCode", equalTo("TaskFailedToStart"))
                    .body("task.stoppedReason", equalTo("Unable to place task: RESOURCE:MEMORY"));
        }
    }

    @Test
    void withoutASchedulerTasksAreReturnedProvisioningAfterTheWait() {
        String family = unique("lonely");
        register(simpleDefinition(family)).statusCode(200);
        var response = runTask("default", "{\"taskDefinition\": \"" + family + "\"}")
                .statusCode(200)
                .body("tasks", hasSize(1))
                .body("failures", empty())
                .body("tasks[0].lastStatus", equalTo("PROVISIONING"))
                .body("tasks[0].containerInstanceArn", nullValue())
                .body("tasks[0].group", equalTo("family:" + family))
                .extract();
        String taskId = taskId(response.path("tasks[0].taskArn"));
        // The request still reached the topic, through the outbox.
        TaskRequest.PlaceTasks place = (TaskRequest.PlaceTasks) Json.read(TestKafka.awaitRecord(Topics.TASK_REQUESTS,
                r -> r.value().contains(taskId)).value(), TaskRequest.class);
        assertThat(place.tasks()).extracting(TaskSpec::taskId).containsExactly(taskId);
        // A late placement is still applied.
        TestKafka.send(Topics.TASK_STATE, MessageKeys.of("default", taskId), placed(place.tasks().get(0), "i-2", 49160));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().get("/v1/clusters/default/tasks/" + taskId).then()
                        .body("task.lastStatus", equalTo("PENDING")));
    }

    @Test
    void stateReportsMoveTheTaskForwardAndStaleOnesAreIgnored() {
        String family = unique("life");
        register(simpleDefinition(family)).statusCode(200);
        String taskId = taskId(runTask("default", "{\"taskDefinition\": \"" + family + "\"}")
                .statusCode(200).extract().path("tasks[0].taskArn"));
        String path = "/v1/clusters/default/tasks/" + taskId;

        List<ContainerState> running = List.of(new ContainerState("web", "longshore/busybox:latest", "c0ffee",
                TaskStatus.RUNNING, null, null, List.of(new NetworkBinding("127.0.0.2", 80, 49153, "tcp"))));
        report("default", taskId, TaskStatus.RUNNING, running, null, null);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get(path).then()
                .body("task.lastStatus", equalTo("RUNNING"))
                .body("task.startedAt", notNullValue())
                .body("task.containerInstanceArn", equalTo("arn:aws:ecs:local:000000000000:container-instance/default/i-1"))
                .body("task.containers[0].runtimeId", equalTo("c0ffee"))
                .body("task.containers[0].lastStatus", equalTo("RUNNING"))
                .body("task.containers[0].networkBindings[0].bindIP", equalTo("127.0.0.2"))
                .body("task.containers[0].networkBindings[0].hostPort", equalTo(49153))
                .body("task.containers[0].networkBindings[0].containerPort", equalTo(80)));
        long version = given().get(path).then().extract().<Number>path("task.version").longValue();

        // A late PENDING report, then the same RUNNING report again: neither changes anything.
        report("default", taskId, TaskStatus.PENDING, null, null, null);
        List<ContainerState> stopped = List.of(new ContainerState("web", "longshore/busybox:latest", "c0ffee",
                TaskStatus.STOPPED, 3, "exited", List.of()));
        report("default", taskId, TaskStatus.STOPPED, stopped, StopCode.EssentialContainerExited,
                "Essential container in task exited");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get(path).then()
                .body("task.lastStatus", equalTo("STOPPED"))
                .body("task.desiredStatus", equalTo("STOPPED"))
                .body("task.stopCode", equalTo("EssentialContainerExited"))
                .body("task.stoppedReason", equalTo("Essential container in task exited"))
                .body("task.stoppedAt", notNullValue())
                .body("task.containers[0].exitCode", equalTo(3))
                .body("task.containers[0].reason", equalTo("exited")));
        // The stale PENDING came before STOPPED on the same partition, so it was processed and ignored:
        // exactly one change (STOPPED) since RUNNING.
        assertThat(given().get(path).then().extract().<Number>path("task.version").longValue()).isEqualTo(version + 1);
        report("default", taskId, TaskStatus.RUNNING, running, null, null);
        report("default", taskId, TaskStatus.STOPPED, stopped, StopCode.EssentialContainerExited,
                "Essential container in task exited");
        // Wait for the redelivered STOPPED to be consumed (a marker task proves the consumer got past it).
        String marker = taskId(runTask("default", "{\"taskDefinition\": \"" + family + "\"}")
                .statusCode(200).extract().path("tasks[0].taskArn"));
        report("default", marker, TaskStatus.RUNNING, running, null, null);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/v1/clusters/default/tasks/" + marker)
                .then().body("task.lastStatus", equalTo("RUNNING")));
        given().get(path).then()
                .body("task.lastStatus", equalTo("STOPPED"))
                .body("task.version", equalTo((int) version + 1));
    }

    @Test
    void stopTaskSetsDesiredStatusAndPublishesStopTask() {
        String family = unique("stop");
        register(simpleDefinition(family)).statusCode(200);
        String taskId = taskId(runTask("default", "{\"taskDefinition\": \"" + family + "\"}")
                .statusCode(200).extract().path("tasks[0].taskArn"));

        given().contentType(ContentType.JSON).body("{\"reason\": \"enough\"}")
                .post("/v1/clusters/default/tasks/" + taskId + "/stop").then().statusCode(200)
                .body("task.desiredStatus", equalTo("STOPPED"))
                .body("task.lastStatus", equalTo("PROVISIONING"))
                .body("task.stopCode", equalTo("UserInitiated"))
                .body("task.stoppedReason", equalTo("enough"));
        ConsumerRecord<String, String> record = TestKafka.awaitRecord(Topics.TASK_REQUESTS,
                r -> r.value().contains("\"StopTask\"") && r.value().contains(taskId));
        assertThat(record.key()).isEqualTo(MessageKeys.of("default", taskId));
        TaskRequest.StopTask stop = (TaskRequest.StopTask) Json.read(record.value(), TaskRequest.class);
        assertThat(stop.stopCode()).isEqualTo(StopCode.UserInitiated);
        assertThat(stop.reason()).isEqualTo("enough");

        // Without a body the reason is ECS's default; stopping again changes nothing.
        String other = taskId(runTask("default", "{\"taskDefinition\": \"" + family + "\"}")
                .statusCode(200).extract().path("tasks[0].taskArn"));
        given().post("/v1/clusters/default/tasks/" + other + "/stop").then().statusCode(200)
                .body("task.stoppedReason", equalTo("Task stopped by user"));
        given().post("/v1/clusters/default/tasks/" + other + "/stop").then().statusCode(200)
                .body("task.version", equalTo(2));
        given().post("/v1/clusters/default/tasks/0123456789abcdef0123456789abcdef/stop").then().statusCode(404)
                .body("__type", equalTo("TaskNotFoundException"));
    }

    @Test
    void listTasksFilters() {
        String family = unique("list");
        register(simpleDefinition(family)).statusCode(200);
        String starter = unique("starter");
        runTask("default", "{\"taskDefinition\": \"" + family + "\", \"count\": 2, \"startedBy\": \"" + starter + "\"}")
                .statusCode(200);
        String stoppedId = taskId(runTask("default", "{\"taskDefinition\": \"" + family + "\"}")
                .statusCode(200).extract().path("tasks[0].taskArn"));
        given().post("/v1/clusters/default/tasks/" + stoppedId + "/stop").then().statusCode(200);

        given().queryParam("family", family).get("/v1/clusters/default/tasks").then().statusCode(200)
                .body("tasks", hasSize(2));
        given().queryParam("startedBy", starter).get("/v1/clusters/default/tasks").then()
                .body("tasks", hasSize(2))
                .body("tasks[0].startedBy", equalTo(starter));
        given().queryParam("family", family).queryParam("desiredStatus", "STOPPED")
                .get("/v1/clusters/default/tasks").then()
                .body("tasks", hasSize(1))
                .body("tasks[0].taskArn", equalTo("arn:aws:ecs:local:000000000000:task/default/" + stoppedId));
        given().queryParam("containerInstance", "nowhere").get("/v1/clusters/default/tasks").then()
                .body("tasks", empty());
        given().queryParam("desiredStatus", "PAUSED").get("/v1/clusters/default/tasks").then().statusCode(400)
                .body("message", equalTo("desiredStatus: must be RUNNING or STOPPED"));
        given().get("/v1/clusters/ghost/tasks").then().statusCode(404)
                .body("__type", equalTo("ClusterNotFoundException"));
    }

    /** Every RunTask rule: a 400 (404 for the cluster) naming the field, and no task created. */
    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "'count': 0 | count: must be between 1 and 10",
            "'count': 11 | count: must be between 1 and 10",
            "'count': 'two' | count: must be an integer",
            "'placementConstraints': [{'type': 'memberOf'}] | placementConstraints[0].expression: is required for memberOf",
            "'placementConstraints': [{'type': 'sameHost'}] | placementConstraints[0].type: must be distinctInstance or memberOf",
            "'placementStrategy': [{'type': 'binpack', 'field': 'disk'}] | placementStrategy[0].field: must be cpu or memory for binpack",
            "'placementStrategy': [{'type': 'spread'}] | placementStrategy[0].field: is required for spread",
            "'placementStrategy': [{'type': 'fancy'}] | placementStrategy[0].type: must be binpack, spread or random",
            "'overrides': {'containerOverrides': [{'name': 'db'}]} | overrides.containerOverrides[0].name: no container named db in task definition",
            "'overrides': {'containerOverrides': [{'name': 'web', 'memory': 2}]} | overrides.containerOverrides[0].memory: must be at least 6 MiB",
    })
    void badRunTaskRequestsAreRefusedAndCreateNothing(String member, String message) {
        String family = unique("badrun");
        register(simpleDefinition(family)).statusCode(200);
        String body = "{\"taskDefinition\": \"" + family + "\", " + member.replace('\'', '"') + "}";
        runTask("default", body).statusCode(400)
                .body("__type", equalTo("InvalidParameterException"))
                .body("message", startsWith(message));
        given().queryParam("family", family).get("/v1/clusters/default/tasks").then().body("tasks", empty());
    }

    @Test
    void unknownClusterUnknownOrInactiveDefinition() {
        String family = unique("refs");
        register(simpleDefinition(family)).statusCode(200);
        register(simpleDefinition(family)).statusCode(200);
        runTask("ghost", "{\"taskDefinition\": \"" + family + "\"}").statusCode(404)
                .body("__type", equalTo("ClusterNotFoundException"))
                .body("message", equalTo("cluster: cluster ghost not found"));
        runTask("default", "{\"taskDefinition\": \"" + family + ":7\"}").statusCode(400)
                .body("__type", equalTo("ClientException"))
                .body("message", equalTo("taskDefinition: unable to find task definition " + family + ":7"));
        runTask("default", "{}").statusCode(400).body("message", equalTo("taskDefinition: is required"));
        runTask("default", "{\"taskDefinition\": ").statusCode(400).body("message", startsWith("malformed JSON: "));

        given().delete("/v1/task-definitions/" + family + ":1").then().statusCode(200);
        runTask("default", "{\"taskDefinition\": \"" + family + ":1\"}").statusCode(400)
                .body("message", equalTo("taskDefinition: task definition " + family + ":1 is INACTIVE"));
        given().queryParam("family", family).get("/v1/clusters/default/tasks").then().body("tasks", empty());
        // By ARN, the ACTIVE revision runs.
        runTask("default", "{\"taskDefinition\": \"arn:aws:ecs:local:000000000000:task-definition/" + family + ":2\"}")
                .statusCode(200).body("tasks[0].taskDefinitionArn", startsWith("arn:aws:ecs:local:000000000000:task-definition/" + family + ":2"));
    }

    @Test
    void aClusterWithTasksCannotBeDeleted() {
        String cluster = unique("busy");
        io.longshore.controlplane.support.Api.createCluster(cluster);
        String family = unique("busyfam");
        register(simpleDefinition(family)).statusCode(200);
        String taskId = taskId(runTask(cluster, "{\"taskDefinition\": \"" + family + "\"}")
                .statusCode(200).extract().path("tasks[0].taskArn"));
        given().get("/v1/clusters/" + cluster).then().body("cluster.pendingTasksCount", equalTo(1));
        given().delete("/v1/clusters/" + cluster).then().statusCode(409)
                .body("__type", equalTo("ClusterContainsTasksException"));

        report(cluster, taskId, TaskStatus.STOPPED, null, StopCode.UserInitiated, "done");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().delete("/v1/clusters/" + cluster).then().statusCode(200)
                        .body("cluster.status", equalTo("INACTIVE")));
    }
}
