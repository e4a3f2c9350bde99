package io.longshore.scheduler.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.longshore.common.messaging.AgentCommand;
import io.longshore.common.messaging.ClusterCapacity;
import io.longshore.common.messaging.InstanceState;
import io.longshore.common.messaging.MessageKeys;
import io.longshore.common.messaging.TaskRequest;
import io.longshore.common.messaging.TaskStateChange;
import io.longshore.common.messaging.Topics;
import io.longshore.common.model.InstanceStatus;
import io.longshore.common.model.StopCode;
import io.longshore.common.model.TaskSpec;
import io.longshore.common.model.TaskStatus;
import io.longshore.scheduler.Fixtures;
import io.longshore.testing.KafkaTestClient;
import io.longshore.testing.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The scheduler against a real broker: the test plays the control plane (instance states and task
 * requests in) and the agents (watching commands out).
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the first counts every instance and report there is
class SchedulerKafkaIT {
    static KafkaTestClient kafka;
    static KafkaTestClient.Collector states;
    static KafkaTestClient.Collector commands;
    static KafkaTestClient.Collector capacities;

    @BeforeAll
    static void start() {
        kafka = new KafkaTestClient();
        states = KafkaTestClient.collect(Topics.TASK_STATE);
        commands = KafkaTestClient.collect(Topics.AGENT_COMMANDS);
        capacities = KafkaTestClient.collect(Topics.CLUSTER_CAPACITY);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        states.close();
        commands.close();
        capacities.close();
        kafka.close();
    }

    @Test
    @Order(1)
    void concurrentRunTasksNeverOverCommitAndEveryTaskGetsAnAnswer() throws Exception {
        for (String id : List.of("ia", "ib")) {
            kafka.send(Topics.INSTANCE_STATE, MessageKeys.of("default", id), Fixtures.instance(id, 4096, 1000, "z-" + id));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/q/health/ready").then().statusCode(200)
                        .body("checks.find { it.name == 'cluster-state' }.data.instances", equalTo(2)));

        // 25 RunTask calls of 100 MiB each, sent at once, against 2 x 1000 MiB: 20 fit.
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int i = 0; i < 25; i++) {
            String id = "task" + i;
            pool.submit(() -> kafka.send(Topics.TASK_REQUESTS, MessageKeys.of("default", id),
                    new TaskRequest.PlaceTasks("default", "req-" + id, List.of(Fixtures.task(id, 10, 100)),
                            List.of(), List.of())));
        }
        pool.shutdown();

        await().atMost(Duration.ofSeconds(30)).until(() -> states.values(TaskStateChange.class).size() >= 25);
        List<TaskStateChange> reports = states.values(TaskStateChange.class);
        List<TaskStateChange> placed = reports.stream().filter(r -> r.lastStatus() == TaskStatus.PENDING).toList();
        assertThat(placed).hasSize(20);
        assertThat(reports.stream().filter(r -> r.lastStatus() == TaskStatus.STOPPED))
                .hasSize(5)
                .allSatisfy(r -> assertThat(r.stoppedReason()).isEqualTo("Unable to place task: RESOURCE:MEMORY"));
        Map<String, Integer> memoryPerInstance = placed.stream().collect(Collectors.groupingBy(
                r -> r.allocation().containerInstanceId(), Collectors.summingInt(r -> r.allocation().memory())));
        assertThat(memoryPerInstance).containsOnly(Map.entry("ia", 1000), Map.entry("ib", 1000));

        await().atMost(Duration.ofSeconds(30)).until(() -> commands.values(AgentCommand.class).size() >= 20);
        assertThat(commands.records()).allSatisfy(r ->
                assertThat(r.key()).isIn(MessageKeys.of("default", "ia"), MessageKeys.of("default", "ib")));

        // A redelivered request places nothing new.
        kafka.send(Topics.TASK_REQUESTS, MessageKeys.of("default", "task0"), new TaskRequest.PlaceTasks("default",
                "req-task0", List.of(Fixtures.task("task0", 10, 100)), List.of(), List.of()));
        // Stopping a placed task orders its agent to stop it; the agent reports the stop.
        String victim = placed.get(0).taskId();
        kafka.send(Topics.TASK_REQUESTS, MessageKeys.of("default", victim),
                new TaskRequest.StopTask("default", victim, StopCode.UserInitiated, "test stop"));
        // Generous bounds: this checks that the answer comes, not how fast (a loaded CI host is slow).
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> commands.values(AgentCommand.class).stream()
                    .anyMatch(c -> c instanceof AgentCommand.StopTask s && s.taskId().equals(victim)));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no StopTask for " + victim + "; commands: " + commands.values(AgentCommand.class)
                    + "; reports: " + states.values(TaskStateChange.class), e);
        }
        assertThat(states.values(TaskStateChange.class).stream().filter(r -> r.lastStatus() == TaskStatus.PENDING))
                .hasSize(20);

        // Once the agent reports the task stopped, its memory is free again: one more task fits.
        kafka.send(Topics.TASK_STATE, MessageKeys.of("default", victim), new TaskStateChange("default", victim,
                TaskStatus.STOPPED, placed.get(0).allocation(), null, StopCode.UserInitiated, "test stop", null, null,
                null, null, "agent/test"));
        kafka.send(Topics.TASK_REQUESTS, MessageKeys.of("default", "late"), new TaskRequest.PlaceTasks("default",
                "req-late", List.of(Fixtures.task("late", 10, 100)), List.of(), List.of()));
        await().atMost(Duration.ofSeconds(30)).until(() -> states.values(TaskStateChange.class).stream()
                .anyMatch(r -> r.taskId().equals("late") && r.lastStatus() == TaskStatus.PENDING));
    }

    @Test
    @Order(2)
    void aTaskOfAProviderWithoutRoomWaitsInProvisioningAndIsPlacedWhenAnInstanceOfItsProviderRegisters() {
        String cluster = "scaled";
        kafka.send(Topics.INSTANCE_STATE, MessageKeys.of(cluster, "plain"), instance(cluster, "plain", null));
        TaskSpec t = Fixtures.task("cp-1", 10, 100);
        TaskSpec task = new TaskSpec(cluster, "cp-1", "arn:task/cp-1", t.taskDefinitionArn(), t.family(), t.group(),
                null, t.networkMode(), null, null, t.containers()).withCapacityProviderName("asg-a");
        kafka.send(Topics.TASK_REQUESTS, MessageKeys.of(cluster, "cp-1"),
                new TaskRequest.PlaceTasks(cluster, "req-cp-1", List.of(task), List.of(), List.of()));

        // no instance of the provider: PROVISIONING with the whole spec, not STOPPED
        await().atMost(Duration.ofSeconds(30)).until(() -> reports(cluster, "cp-1").stream()
                .anyMatch(r -> r.lastStatus() == TaskStatus.PROVISIONING));
        assertThat(reports(cluster, "cp-1")).singleElement().satisfies(r -> {
            assertThat(r.lastStatus()).isEqualTo(TaskStatus.PROVISIONING);
            assertThat(r.task().capacityProviderName()).isEqualTo("asg-a");
        });
        // and the provider's figures say what waits
        await().atMost(Duration.ofSeconds(30)).until(() -> capacities(cluster, "asg-a").stream()
                .anyMatch(c -> c.provisioning().stream().anyMatch(w -> w.taskId().equals("cp-1") && w.memory() == 100)
                        && c.instances().isEmpty()));

        // an instance of the provider registers: the task is placed on it within a round
        kafka.send(Topics.INSTANCE_STATE, MessageKeys.of(cluster, "asg-a-1"), instance(cluster, "asg-a-1", "asg-a"));
        await().atMost(Duration.ofSeconds(30)).until(() -> reports(cluster, "cp-1").stream()
                .anyMatch(r -> r.lastStatus() == TaskStatus.PENDING));
        assertThat(reports(cluster, "cp-1")).filteredOn(r -> r.lastStatus() == TaskStatus.PENDING).singleElement()
                .satisfies(r -> assertThat(r.allocation().containerInstanceId()).isEqualTo("asg-a-1"));
        await().atMost(Duration.ofSeconds(30)).until(() -> commands.values(AgentCommand.class).stream()
                .anyMatch(c -> c instanceof AgentCommand.StartTask s && s.taskId().equals("cp-1")
                        && s.containerInstanceId().equals("asg-a-1")));
        assertThat(commands.records()).filteredOn(r -> r.key().startsWith(cluster + "/"))
                .allSatisfy(r -> assertThat(r.key()).isEqualTo(MessageKeys.of(cluster, "asg-a-1")));
        await().atMost(Duration.ofSeconds(30)).until(() -> capacities(cluster, "asg-a").stream()
                .anyMatch(c -> c.provisioning().isEmpty() && c.instances().size() == 1
                        && c.instances().get(0).tasks() == 1 && c.instances().get(0).freeMemory() == 1000 - 100
                        && "host-asg-a-1".equals(c.instances().get(0).hostId())));
    }

    private static InstanceState instance(String cluster, String id, String provider) {
        InstanceState plain = Fixtures.instance(id, 4096, 1000, "z");
        return new InstanceState(cluster, id, InstanceStatus.ACTIVE, true, "127.0.0.1", "0.1.0", plain.resources(),
                Map.of("longshore.host-id", "host-" + id), Instant.EPOCH, provider);
    }

    private static List<TaskStateChange> reports(String cluster, String taskId) {
        return states.values(TaskStateChange.class).stream()
                .filter(r -> r.cluster().equals(cluster) && r.taskId().equals(taskId)).toList();
    }

    private static List<ClusterCapacity> capacities(String cluster, String provider) {
        return capacities.records().stream().filter(r -> r.key().equals(MessageKeys.of(cluster, provider)))
                .map(r -> io.longshore.common.messaging.Json.read(r.value(), ClusterCapacity.class)).toList();
    }
}
