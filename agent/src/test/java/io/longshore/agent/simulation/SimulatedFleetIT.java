package io.longshore.agent.simulation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.longshore.agent.it.Fixtures;
import io.longshore.agent.it.KafkaProbe;
import io.longshore.common.messaging.InstanceEvent;
import io.longshore.common.messaging.Json;
import io.longshore.common.messaging.MessageKeys;
import io.longshore.common.messaging.TaskStateChange;
import io.longshore.common.messaging.Topics;
import io.longshore.common.model.StopCode;
import io.longshore.common.model.TaskStatus;
import io.longshore.testing.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A fleet of 50 simulated hosts against the real test broker: it registers and heartbeats on
 * longshore.instance-events, runs the StartTasks it is sent on longshore.agent-commands and reports
 * on longshore.task-state like real agents; a fifth of its hosts die 8 s in.
 */
@QuarkusTest
@TestProfile(SimulationProfiles.Fleet.class)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
class SimulatedFleetIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    SimulationLifecycle simulation;

    private KafkaProbe kafka;

    @BeforeEach
    void setUp() {
        kafka = new KafkaProbe(Topics.TASK_STATE, Topics.INSTANCE_EVENTS);
    }

    @AfterEach
    void tearDown() {
        kafka.close();
    }

    private SimulatedFleet fleet() {
        await().atMost(WAIT).until(() -> simulation.fleet().isPresent());
        return simulation.fleet().orElseThrow();
    }

    private List<InstanceEvent> instanceEvents() {
        return kafka.records(Topics.INSTANCE_EVENTS).stream().map(r -> Json.read(r.value(), InstanceEvent.class)).toList();
    }

    /** Hosts that the loss never takes, so the task tests hold whenever they run. */
    private List<String> survivors(SimulatedFleet fleet) {
        Set<Integer> lost = new HashSet<>(SimulatedFleet.lostIndexes(7, 50, 0.2));
        List<String> ids = fleet.instanceIds();
        return java.util.stream.IntStream.range(0, ids.size()).filter(i -> !lost.contains(i)).mapToObj(ids::get).toList();
    }

    @Test
    void everyHostRegistersWithItsResourcesAndDrawnAttributesThenHeartbeats() {
        SimulatedFleet fleet = fleet();

        await().atMost(WAIT).untilAsserted(() -> assertThat(instanceEvents().stream()
                .filter(InstanceEvent.Registered.class::isInstance).map(InstanceEvent::containerInstanceId)
                .collect(Collectors.toSet())).containsAll(fleet.instanceIds()));
        List<InstanceEvent.Registered> registered = instanceEvents().stream()
                .filter(InstanceEvent.Registered.class::isInstance).map(InstanceEvent.Registered.class::cast).toList();
        assertThat(registered).allSatisfy(r -> {
            assertThat(r.cluster()).isEqualTo(Fixtures.CLUSTER);
            assertThat(r.resources().cpu()).isEqualTo(2048);
            assertThat(r.resources().memory()).isEqualTo(4096);
            assertThat(r.hostname()).startsWith("sim-it-");
            assertThat(r.attributes().get("ecs.availability-zone")).isIn("local-a", "local-b");
            assertThat(r.attributes().get("ecs.instance-type")).isIn("m5.large", "c5.xlarge");
        });
        await().atMost(WAIT).untilAsserted(() -> assertThat(instanceEvents().stream()
                .filter(InstanceEvent.Heartbeat.class::isInstance).map(InstanceEvent::containerInstanceId)
                .collect(Collectors.toSet())).containsAll(survivors(fleet)));
    }

    @Test
    void startTasksRunAndEndWithTheConfiguredExitCode() {
        List<String> hosts = survivors(fleet()).subList(0, 5);
        Map<String, String> taskHost = new java.util.HashMap<>();
        for (String host : hosts) {
            String taskId = Fixtures.taskId();
            taskHost.put(taskId, host);
            kafka.send(Topics.AGENT_COMMANDS, MessageKeys.of(Fixtures.CLUSTER, host),
                    Json.write(Fixtures.start(host, taskId, List.of(Fixtures.container("web", List.of("serve"))), List.of())));
        }

        for (Map.Entry<String, String> task : taskHost.entrySet()) {
            await().atMost(WAIT).until(() -> kafka.reports(task.getKey()).stream()
                    .anyMatch(r -> r.lastStatus() == TaskStatus.STOPPED));
            List<TaskStateChange> reports = kafka.reports(task.getKey());
            assertThat(reports).extracting(TaskStateChange::lastStatus)
                    .containsSubsequence(TaskStatus.RUNNING, TaskStatus.STOPPED);
            TaskStateChange stopped = reports.get(reports.size() - 1);
            assertThat(stopped.stopCode()).isEqualTo(StopCode.EssentialContainerExited);
            assertThat(stopped.containers().get(0).exitCode()).isEqualTo(3);
            assertThat(stopped.allocation().containerInstanceId()).isEqualTo(task.getValue());
            assertThat(stopped.reporter()).isEqualTo("agent/" + task.getValue());
        }
    }

    @Test
    void lostHostsStopHeartbeatingAndTheRestGoOn() {
        SimulatedFleet fleet = fleet();
        await().atMost(WAIT).until(() -> fleet.status().lost() == 10);
        Set<String> lost = Set.copyOf(fleet.lostInstanceIds());
        long lostAt = System.currentTimeMillis();

        // two heartbeat intervals later, only survivors still beat
        await().atMost(WAIT).until(() -> kafka.records(Topics.INSTANCE_EVENTS).stream()
                .anyMatch(r -> r.timestamp() > lostAt + 3_000));
        List<ConsumerRecord<String, String>> late = kafka.records(Topics.INSTANCE_EVENTS).stream()
                .filter(r -> r.timestamp() > lostAt + 1_500).toList();
        Set<String> beating = late.stream().map(r -> Json.read(r.value(), InstanceEvent.class))
                .filter(InstanceEvent.Heartbeat.class::isInstance).map(InstanceEvent::containerInstanceId)
                .collect(Collectors.toSet());
        assertThat(beating).doesNotContainAnyElementsOf(lost).isNotEmpty();

        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'simulated-fleet' }.data.lost", equalTo(10))
                .body("checks.find { it.name == 'simulated-fleet' }.data.registered", equalTo(40));
    }
}
