package io.longshore.agent.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.HostConfig;
import io.longshore.agent.instance.AgentIdentity;
import io.longshore.common.messaging.AgentCommand;
import io.longshore.common.messaging.Json;
import io.longshore.common.messaging.MessageKeys;
import io.longshore.common.messaging.MetricSample;
import io.longshore.common.messaging.TaskStateChange;
import io.longshore.common.messaging.Topics;
import io.longshore.common.model.Allocation;
import io.longshore.common.model.Arns;
import io.longshore.common.model.ContainerDefinition;
import io.longshore.common.model.StopCode;
import io.longshore.common.model.TaskSpec;
import io.longshore.common.model.TaskStatus;
import io.longshore.testing.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Usage sampling against a real Docker engine and a real broker: a service's task burning a CPU
 * shows up on longshore.metrics as the autoscaler reads it (metrics interval 1 s in the test profile).
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = StateDirResource.class, restrictToAnnotatedClass = true)
class TaskUsageMetricsIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static String instanceId;

    @Inject
    AgentIdentity identity;

    private KafkaProbe kafka;

    @BeforeEach
    void setUp() {
        instanceId = identity.instanceId();
        kafka = new KafkaProbe(Topics.TASK_STATE, Topics.METRICS);
    }

    @AfterEach
    void tearDown() {
        kafka.close();
    }

    @AfterAll
    static void removeContainers() {
        if (instanceId != null) {
            Fixtures.removeContainersOf(instanceId);
        }
    }

    @Test
    void aBusyTasksUsageIsPublishedUntilItStops() throws Exception {
        String taskId = Fixtures.taskId();
        // 256 CPU units (a quarter CPU) reserved as shares, not a quota: a busy loop may take a whole CPU
        ContainerDefinition burner = new ContainerDefinition("burn", Fixtures.IMAGE, 256, 64, null, List.of(), true,
                List.of(), List.of("sh", "-c", "while :; do :; done"), null, null, 1, Map.of());
        TaskSpec spec = new TaskSpec(Fixtures.CLUSTER, taskId, Arns.task(Fixtures.CLUSTER, taskId),
                Arns.taskDefinition("burner", 1), "burner", "service:burner", "ecs-svc/1", "bridge", null, null,
                List.of(burner));
        send(new AgentCommand.StartTask(Fixtures.CLUSTER, instanceId, spec,
                new Allocation(instanceId, spec.requiredCpu(), spec.requiredMemory(), List.of())));
        TaskStateChange running = awaitReport(taskId, TaskStatus.RUNNING);
        try (DockerClient docker = Fixtures.docker()) {
            HostConfig host = docker.inspectContainerCmd(running.containers().get(0).runtimeId()).exec().getHostConfig();
            assertThat(host.getCpuShares()).isEqualTo(256);
            assertThat(host.getCpuQuota()).isIn(null, 0L);
            assertThat(host.getNanoCPUs()).isIn(null, 0L);
        }

        MetricSample.TaskUsage usage = await().atMost(WAIT).until(
                () -> samples(taskId).stream().filter(u -> u.cpuUtilization() > 50).findFirst(),
                Optional::isPresent).orElseThrow();
        assertThat(usage.key()).isEqualTo(MessageKeys.of(Fixtures.CLUSTER, taskId));
        assertThat(usage.cluster()).isEqualTo(Fixtures.CLUSTER);
        assertThat(usage.group()).isEqualTo("service:burner");
        assertThat(usage.containerInstanceId()).isEqualTo(instanceId);
        assertThat(usage.cpuUnitsUsed()).isCloseTo(usage.cpuUtilization() * 256 / 100, within(1e-6));
        assertThat(usage.memoryMiBUsed()).isPositive();
        assertThat(usage.memoryUtilization()).isCloseTo(usage.memoryMiBUsed() / 64 * 100, within(1e-6));
        assertThat(usage.timestamp()).isNotNull();
        assertThat(kafka.records(Topics.METRICS)).filteredOn(r -> r.value().contains(taskId))
                .extracting(ConsumerRecord::key).containsOnly(usage.key());

        send(new AgentCommand.StopTask(Fixtures.CLUSTER, instanceId, taskId, StopCode.UserInitiated, "done"));
        TaskStateChange stopping = awaitReport(taskId, TaskStatus.STOPPING);
        awaitReport(taskId, TaskStatus.STOPPED);
        // a pass that begins once the task is stopping leaves it out
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> samples(taskId).stream()
                .noneMatch(u -> u.timestamp().isAfter(stopping.stoppingAt())));
    }

    /** Read as the autoscaler reads the topic. */
    private List<MetricSample.TaskUsage> samples(String taskId) {
        return kafka.records(Topics.METRICS).stream()
                .map(r -> Json.read(r.value(), MetricSample.class))
                .filter(s -> s instanceof MetricSample.TaskUsage)
                .map(s -> (MetricSample.TaskUsage) s)
                .filter(u -> u.taskId().equals(taskId))
                .toList();
    }

    private void send(AgentCommand command) {
        kafka.send(Topics.AGENT_COMMANDS, MessageKeys.of(command.cluster(), command.containerInstanceId()),
                Json.write(command));
    }

    private TaskStateChange awaitReport(String taskId, TaskStatus status) {
        return await().atMost(WAIT).until(() -> kafka.reports(taskId).stream()
                .filter(r -> r.lastStatus() == status).findFirst(), Optional::isPresent).orElseThrow();
    }
}
