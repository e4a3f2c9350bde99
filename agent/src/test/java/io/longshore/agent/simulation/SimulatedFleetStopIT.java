package io.longshore.agent.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.longshore.agent.it.Fixtures;
import io.longshore.agent.it.KafkaProbe;
import io.longshore.common.messaging.AgentCommand;
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
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Simulated tasks that run forever stop when told to, over the real broker. */
@QuarkusTest
@TestProfile(SimulationProfiles.Forever.class)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
class SimulatedFleetStopIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    SimulationLifecycle simulation;

    private KafkaProbe kafka;

    @BeforeEach
    void setUp() {
        kafka = new KafkaProbe(Topics.TASK_STATE);
    }

    @AfterEach
    void tearDown() {
        kafka.close();
    }

    @Test
    void aStopTaskStopsAForeverTask() {
        await().atMost(WAIT).until(() -> simulation.fleet().map(f -> f.status().ready()).orElse(false));
        String host = simulation.fleet().orElseThrow().instanceIds().get(2);
        String taskId = Fixtures.taskId();
        String key = MessageKeys.of(Fixtures.CLUSTER, host);
        kafka.send(Topics.AGENT_COMMANDS, key,
                Json.write(Fixtures.start(host, taskId, List.of(Fixtures.container("web", List.of("serve"))), List.of())));
        await().atMost(WAIT).until(() -> kafka.reports(taskId).stream().anyMatch(r -> r.lastStatus() == TaskStatus.RUNNING));
        // it keeps running: three watch passes later it is still RUNNING and nothing else was said
        await().pollDelay(Duration.ofSeconds(1)).atMost(WAIT).until(() -> true);
        assertThat(kafka.reports(taskId)).extracting(TaskStateChange::lastStatus).containsExactly(TaskStatus.RUNNING);
        assertThat(simulation.fleet().orElseThrow().status().runningTasks()).isEqualTo(1);

        kafka.send(Topics.AGENT_COMMANDS, key,
                Json.write(new AgentCommand.StopTask(Fixtures.CLUSTER, host, taskId, StopCode.UserInitiated, "enough")));

        await().atMost(WAIT).until(() -> kafka.reports(taskId).stream().anyMatch(r -> r.lastStatus() == TaskStatus.STOPPED));
        List<TaskStateChange> reports = kafka.reports(taskId);
        TaskStateChange stopped = reports.get(reports.size() - 1);
        assertThat(stopped.stopCode()).isEqualTo(StopCode.UserInitiated);
        assertThat(stopped.stoppedReason()).isEqualTo("enough");
        assertThat(stopped.containers().get(0).exitCode()).isEqualTo(SimulatedContainerRuntime.EXIT_ON_STOP);
        assertThat(simulation.fleet().orElseThrow().status().runningTasks()).isZero();
    }
}
