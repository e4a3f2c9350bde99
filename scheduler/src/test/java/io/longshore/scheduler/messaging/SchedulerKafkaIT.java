package io.longshore.scheduler.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.longshore.common.messaging.AgentCommand;
import io.longshore.common.messaging.MessageKeys;
import io.longshore.common.messaging.TaskRequest;
import io.longshore.common.messaging.TaskStateChange;
import io.longshore.common.messaging.Topics;
import io.longshore.common.model.StopCode;
import io.longshore.common.model.TaskStatus;
import io.longshore.scheduler.Fixtures;
import io.longshore.testing.KafkaTestClient;
import io.longshore.testing.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The scheduler against a real broker: the test plays the control plane (instance states and task
 * requests in) and the agents (watching commands out).
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class SchedulerKafkaIT {
    static KafkaTestClient kafka;
    static KafkaTestClient.Collector states;
    static KafkaTestClient.Collector commands;

    @BeforeAll
    static void start() {
        kafka = new KafkaTestClient();
        states = KafkaTestClient.collect(Topics.TASK_STATE);
        commands = KafkaTestClient.collect(Topics.AGENT_COMMANDS);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        states.close();
        commands.close();
        kafka.close();
    }

    @Test
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
}
