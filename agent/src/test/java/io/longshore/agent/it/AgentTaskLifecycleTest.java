package io.longshore.agent.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import io.longshore.agent.instance.AgentIdentity;
import io.longshore.common.messaging.AgentCommand;
import io.longshore.common.messaging.InstanceEvent;
import io.longshore.common.messaging.Json;
import io.longshore.common.messaging.MessageKeys;
import io.longshore.common.messaging.TaskStateChange;
import io.longshore.common.messaging.Topics;
import io.longshore.common.model.ContainerDefinition;
import io.longshore.common.model.ContainerState;
import io.longshore.common.model.HealthStatus;
import io.longshore.common.model.HostPort;
import io.longshore.common.model.NetworkBinding;
import io.longshore.common.model.RegistryCredential;
import io.longshore.common.model.StopCode;
import io.longshore.common.model.TaskStatus;
import io.longshore.testing.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The agent against a real Kafka broker and a real Docker engine: commands in on
 * longshore.agent-commands, containers in Docker, reports out on longshore.task-state.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = StateDirResource.class, restrictToAnnotatedClass = true)
class AgentTaskLifecycleTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String UNREACHABLE = "127.0.0.1:1";
    private static String instanceId;

    @Inject
    AgentIdentity identity;

    private KafkaProbe kafka;
    private DockerClient docker;

    @BeforeEach
    void setUp() {
        instanceId = identity.instanceId();
        kafka = new KafkaProbe(Topics.TASK_STATE, Topics.INSTANCE_EVENTS, Topics.DEAD_LETTER);
        docker = Fixtures.docker();
    }

    @AfterEach
    void tearDown() throws Exception {
        kafka.close();
        docker.close();
    }

    @AfterAll
    static void removeContainers() {
        if (instanceId != null) {
            Fixtures.removeContainersOf(instanceId);
        }
    }

    @Test
    void registersWithResourcesAndAttributesThenHeartbeats() {
        await().atMost(WAIT).untilAsserted(() -> {
            List<InstanceEvent> events = kafka.records(Topics.INSTANCE_EVENTS).stream()
                    .filter(r -> r.key().equals(MessageKeys.of(Fixtures.CLUSTER, instanceId)))
                    .map(r -> Json.read(r.value(), InstanceEvent.class))
                    .toList();
            assertThat(events).first().isInstanceOfSatisfying(InstanceEvent.Registered.class, registered -> {
                assertThat(registered.containerInstanceId()).matches("[0-9a-f]{32}");
                assertThat(registered.bindIp()).isEqualTo("127.0.0.1");
                assertThat(registered.agentVersion()).isEqualTo("0.1.0");
                assertThat(registered.resources().cpu()).isEqualTo(2048);
                assertThat(registered.resources().memory()).isEqualTo(4096);
                assertThat(registered.resources().ephemeralPortFrom()).isEqualTo(49153);
                assertThat(registered.resources().ephemeralPortTo()).isEqualTo(65535);
                assertThat(registered.resources().reservedPorts()).contains(22, 2375, 2376, 51678, 51679);
                assertThat(registered.attributes()).containsEntry("ecs.availability-zone", "local-a")
                        .containsEntry("team", "agents")
                        .containsEntry("ecs.os-type", "linux")
                        .containsEntry("ecs.instance-type", "local")
                        .containsKey("ecs.cpu-architecture");
            });
            assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOf(InstanceEvent.Heartbeat.class));
        });
    }

    @Test
    void runsATaskReportsItsBindingsAndStopsItOnCommand() throws Exception {
        String taskId = Fixtures.taskId();
        int hostPort = Fixtures.freePort();
        AgentCommand.StartTask start = Fixtures.start(instanceId, taskId, List.of(Fixtures.sleeper("web")),
                List.of(new HostPort(hostPort, "tcp")));
        send(start);

        TaskStateChange running = awaitReport(taskId, TaskStatus.RUNNING);
        assertThat(running.reporter()).isEqualTo("agent/" + instanceId);
        assertThat(running.allocation()).isEqualTo(start.allocation());
        assertThat(running.startedAt()).isNotNull();
        ContainerState web = running.containers().get(0);
        assertThat(web.lastStatus()).isEqualTo(TaskStatus.RUNNING);
        assertThat(web.networkBindings()).containsExactly(new NetworkBinding("127.0.0.1", 8080, hostPort, "tcp"));

        InspectContainerResponse container = docker.inspectContainerCmd(web.runtimeId()).exec();
        assertThat(container.getName()).isEqualTo("/ls-" + taskId + "-web");
        assertThat(container.getState().getRunning()).isTrue();
        assertThat(container.getConfig().getLabels())
                .containsEntry("longshore.cluster", Fixtures.CLUSTER)
                .containsEntry("longshore.task-id", taskId)
                .containsEntry("longshore.task-arn", start.task().taskArn())
                .containsEntry("longshore.container-name", "web")
                .containsEntry("longshore.container-instance-id", instanceId)
                .containsEntry("team", "agents");
        assertThat(container.getConfig().getEnv()).contains("GREETING=hello", "EMPTY=");
        assertThat(container.getConfig().getWorkingDir()).isEqualTo("/tmp");
        assertThat(container.getHostConfig().getCpuShares()).isEqualTo(128);
        assertThat(container.getHostConfig().getMemory()).isEqualTo(64L * 1024 * 1024);
        Ports.Binding[] binding = container.getHostConfig().getPortBindings().getBindings().get(ExposedPort.tcp(8080));
        assertThat(binding).containsExactly(Ports.Binding.bindIpAndPort("127.0.0.1", hostPort));

        // a redelivered StartTask changes nothing: one container, and the state is reported again
        int reportsBefore = kafka.reports(taskId).size();
        send(start);
        await().atMost(WAIT).until(() -> kafka.reports(taskId).size() > reportsBefore);
        assertThat(containersOf(taskId)).hasSize(1);

        send(new AgentCommand.StopTask(Fixtures.CLUSTER, instanceId, taskId, StopCode.UserInitiated, "done with it"));
        TaskStateChange stopping = awaitReport(taskId, TaskStatus.STOPPING);
        assertThat(stopping.stoppingAt()).isNotNull();
        TaskStateChange stopped = awaitReport(taskId, TaskStatus.STOPPED);
        assertThat(stopped.stopCode()).isEqualTo(StopCode.UserInitiated);
        assertThat(stopped.stoppedReason()).isEqualTo("done with it");
        assertThat(stopped.stoppedAt()).isNotNull();
        assertThat(stopped.containers()).singleElement().satisfies(c -> {
            assertThat(c.lastStatus()).isEqualTo(TaskStatus.STOPPED);
            // busybox sleep as PID 1 ignores SIGTERM, so Docker SIGKILLs it after stopTimeout (1 s): 128 + 9
            assertThat(c.exitCode()).isEqualTo(137);
        });
        await().atMost(WAIT).until(() -> containersOf(taskId).isEmpty());
        assertThat(kafka.reports(taskId).stream().map(TaskStateChange::lastStatus).toList())
                .endsWith(TaskStatus.STOPPING, TaskStatus.STOPPED);
    }

    @Test
    void anEssentialContainerThatExitsStopsItsTask() {
        String taskId = Fixtures.taskId();
        send(Fixtures.start(instanceId, taskId, List.of(Fixtures.container("job", List.of("sh", "-c", "exit 3"))),
                List.of()));

        TaskStateChange stopped = awaitReport(taskId, TaskStatus.STOPPED);
        assertThat(stopped.stopCode()).isEqualTo(StopCode.EssentialContainerExited);
        assertThat(stopped.stoppedReason()).isEqualTo("Essential container in task exited");
        assertThat(stopped.containers()).singleElement().satisfies(c -> {
            assertThat(c.exitCode()).isEqualTo(3);
            assertThat(c.lastStatus()).isEqualTo(TaskStatus.STOPPED);
        });
        await().atMost(WAIT).until(() -> containersOf(taskId).isEmpty());
    }

    @Test
    void aNonEssentialContainerThatExitsLeavesItsTaskRunning() {
        String taskId = Fixtures.taskId();
        ContainerDefinition sidecar = new ContainerDefinition("init", Fixtures.IMAGE, null, null, null, List.of(), false,
                List.of(), List.of("sh", "-c", "exit 0"), null, null, 1, Map.of());
        send(Fixtures.start(instanceId, taskId, List.of(Fixtures.container("main", List.of("sleep", "300")), sidecar),
                List.of()));

        await().atMost(WAIT).untilAsserted(() -> assertThat(kafka.reports(taskId)).anySatisfy(r -> {
            assertThat(r.lastStatus()).isEqualTo(TaskStatus.RUNNING);
            assertThat(r.containers()).anySatisfy(c -> {
                assertThat(c.name()).isEqualTo("init");
                assertThat(c.lastStatus()).isEqualTo(TaskStatus.STOPPED);
                assertThat(c.exitCode()).isZero();
            });
        }));
        assertThat(kafka.reports(taskId)).noneMatch(r -> r.lastStatus() == TaskStatus.STOPPED);

        send(new AgentCommand.StopTask(Fixtures.CLUSTER, instanceId, taskId, StopCode.UserInitiated, null));
        TaskStateChange stopped = awaitReport(taskId, TaskStatus.STOPPED);
        assertThat(stopped.stopCode()).isEqualTo(StopCode.UserInitiated);
        await().atMost(WAIT).until(() -> containersOf(taskId).isEmpty());
    }

    @Test
    void aPassingHealthCheckIsRunByDockerAndReportedHealthy() {
        String taskId = Fixtures.taskId();
        ContainerDefinition log = new ContainerDefinition("log", Fixtures.IMAGE, null, null, null, List.of(), false,
                List.of(), List.of("sleep", "300"), null, null, 1, Map.of());
        send(Fixtures.start(instanceId, taskId, List.of(Fixtures.checked("web", "true"), log), List.of(),
                "ecs-svc/deployment-1"));

        TaskStateChange healthy = awaitReport(taskId, r -> r.lastStatus() == TaskStatus.RUNNING
                && r.healthStatus() == HealthStatus.HEALTHY);
        assertThat(healthy.containers()).extracting(ContainerState::name, ContainerState::healthStatus)
                .containsExactly(tuple("web", HealthStatus.HEALTHY),
                        tuple("log", null));
        assertThat(healthy.task()).isNull();
        // the first RUNNING report comes before the first check has run
        assertThat(awaitReport(taskId, TaskStatus.RUNNING).healthStatus()).isEqualTo(HealthStatus.UNKNOWN);

        var check = docker.inspectContainerCmd(healthy.containers().get(0).runtimeId()).exec().getConfig().getHealthcheck();
        assertThat(check.getTest()).containsExactly("CMD-SHELL", "true");
        assertThat(check.getInterval()).isEqualTo(1_000_000_000L);
        assertThat(check.getTimeout()).isEqualTo(2_000_000_000L);
        assertThat(check.getRetries()).isEqualTo(1);

        send(new AgentCommand.StopTask(Fixtures.CLUSTER, instanceId, taskId, StopCode.ServiceSchedulerInitiated,
                "scaled in"));
        awaitReport(taskId, TaskStatus.STOPPED);
        assertThat(kafka.reports(taskId)).allSatisfy(r -> {
            assertThat(r.startedBy()).isEqualTo("ecs-svc/deployment-1");
            assertThat(r.healthStatus()).isNotNull();
            assertThat(r.task()).isNull();
        });
        assertThat(kafka.reports(taskId).stream().map(TaskStateChange::lastStatus).toList())
                .containsSubsequence(TaskStatus.RUNNING, TaskStatus.STOPPING, TaskStatus.STOPPED);
    }

    @Test
    void aFailingHealthCheckIsReportedUnhealthyAndTheTaskKeepsRunning() {
        String taskId = Fixtures.taskId();
        send(Fixtures.start(instanceId, taskId, List.of(Fixtures.checked("web", "false")), List.of(),
                "ecs-svc/deployment-2"));

        TaskStateChange unhealthy = awaitReport(taskId, r -> r.healthStatus() == HealthStatus.UNHEALTHY);
        assertThat(unhealthy.lastStatus()).isEqualTo(TaskStatus.RUNNING);
        assertThat(unhealthy.startedBy()).isEqualTo("ecs-svc/deployment-2");
        assertThat(unhealthy.containers()).singleElement().satisfies(c -> {
            assertThat(c.healthStatus()).isEqualTo(HealthStatus.UNHEALTHY);
            assertThat(c.lastStatus()).isEqualTo(TaskStatus.RUNNING);
        });
        // the agent leaves it running: replacing it is the scheduler's decision
        String containerId = unhealthy.containers().get(0).runtimeId();
        await().during(Duration.ofSeconds(2)).atMost(WAIT).untilAsserted(() -> {
            assertThat(docker.inspectContainerCmd(containerId).exec().getState().getRunning()).isTrue();
            assertThat(kafka.reports(taskId)).allMatch(r -> r.lastStatus() == TaskStatus.RUNNING);
        });
        // one report per change, not one per watch pass
        assertThat(kafka.reports(taskId)).filteredOn(r -> r.healthStatus() == HealthStatus.UNHEALTHY).hasSize(1);

        send(new AgentCommand.StopTask(Fixtures.CLUSTER, instanceId, taskId, StopCode.ServiceSchedulerInitiated,
                "Task failed container health checks"));
        TaskStateChange stopped = awaitReport(taskId, TaskStatus.STOPPED);
        assertThat(stopped.stoppedReason()).isEqualTo("Task failed container health checks");
        assertThat(stopped.startedBy()).isEqualTo("ecs-svc/deployment-2");
        await().atMost(WAIT).until(() -> containersOf(taskId).isEmpty());
    }

    @Test
    void aMissingImageFailsTheTaskAndOthersCommandsAndPoisonAreSkipped() {
        String foreignTask = Fixtures.taskId();
        String otherInstance = "0".repeat(32);
        send(Fixtures.start(otherInstance, foreignTask, List.of(Fixtures.container("x", List.of("sleep", "300"))),
                List.of()));
        kafka.send(Topics.AGENT_COMMANDS, MessageKeys.of(Fixtures.CLUSTER, instanceId), "this is not a command");

        String taskId = Fixtures.taskId();
        // a registry nobody listens on, on the loopback address: the engine's pull fails at once
        ContainerDefinition missing = new ContainerDefinition("app", UNREACHABLE + "/nothing:latest", null, null, null,
                List.of(), true, List.of(), null, null, null, null, Map.of());
        send(Fixtures.start(instanceId, taskId, List.of(missing), List.of()));

        TaskStateChange stopped = awaitReport(taskId, TaskStatus.STOPPED);
        assertThat(stopped.stopCode()).isEqualTo(StopCode.TaskFailedToStart);
        assertThat(stopped.stoppedReason()).startsWith("CannotPullContainerError");
        assertThat(stopped.containers()).singleElement().satisfies(c -> assertThat(c.reason())
                .startsWith("CannotPullContainerError: ").contains(UNREACHABLE).isEqualTo(stopped.stoppedReason()));
        assertThat(containersOf(taskId)).isEmpty();
        // commands are taken in order: the ones before were skipped, not pending
        assertThat(kafka.reports(foreignTask)).isEmpty();
        assertThat(containersOf(foreignTask)).isEmpty();
        await().atMost(WAIT).untilAsserted(() -> assertThat(kafka.records(Topics.DEAD_LETTER))
                .anySatisfy(r -> assertThat(r.value()).isEqualTo("this is not a command")));
    }

    @Test
    void anImageAlreadyPresentIsNotPulledAgainUnlessThePolicyIsAlways() {
        // the workload image under the name of an unreachable registry: only a pull would notice
        String image = UNREACHABLE + "/longshore-it/busybox:present";
        docker.tagImageCmd(Fixtures.IMAGE, UNREACHABLE + "/longshore-it/busybox", "present").exec();
        RegistryCredential credential = new RegistryCredential(UNREACHABLE, "AWS", "lst1.unused",
                Instant.now().plusSeconds(3600));

        try {
            presentIsUsedAndAlwaysPulls(image, credential);
        } finally {
            docker.removeImageCmd(image).exec(); // the tag only: the workload image stays
        }
    }

    private void presentIsUsedAndAlwaysPulls(String image, RegistryCredential credential) {
        String present = Fixtures.taskId();
        send(withCredential(Fixtures.start(instanceId, present, List.of(pulled(image, null)), List.of()), credential));
        awaitReport(present, TaskStatus.RUNNING);
        send(new AgentCommand.StopTask(Fixtures.CLUSTER, instanceId, present, StopCode.UserInitiated, "done"));
        awaitReport(present, TaskStatus.STOPPED);

        String always = Fixtures.taskId();
        send(withCredential(Fixtures.start(instanceId, always, List.of(pulled(image, "ALWAYS")), List.of()),
                credential));
        TaskStateChange stopped = awaitReport(always, TaskStatus.STOPPED);
        assertThat(stopped.stopCode()).isEqualTo(StopCode.TaskFailedToStart);
        assertThat(stopped.stoppedReason()).startsWith("CannotPullContainerError: ").contains(UNREACHABLE);
        assertThat(kafka.reports(always)).noneMatch(r -> r.lastStatus() == TaskStatus.RUNNING);
        assertThat(containersOf(always)).isEmpty();
    }

    private static ContainerDefinition pulled(String image, String policy) {
        return new ContainerDefinition("app", image, null, null, null, List.of(), true, List.of(),
                List.of("sleep", "300"), null, null, 1, Map.of(), null, policy);
    }

    private static AgentCommand.StartTask withCredential(AgentCommand.StartTask start, RegistryCredential credential) {
        return new AgentCommand.StartTask(start.cluster(), start.containerInstanceId(),
                start.task().withRegistryCredentials(List.of(credential)), start.allocation());
    }

    @Test
    void aStopForATaskItNeverRanIsReportedStopped() {
        String taskId = Fixtures.taskId();
        send(new AgentCommand.StopTask(Fixtures.CLUSTER, instanceId, taskId, StopCode.ServiceSchedulerInitiated,
                "scaled in"));
        TaskStateChange stopped = awaitReport(taskId, TaskStatus.STOPPED);
        assertThat(stopped.stopCode()).isEqualTo(StopCode.ServiceSchedulerInitiated);
        assertThat(stopped.stoppedReason()).isEqualTo("scaled in");
    }

    private void send(AgentCommand command) {
        kafka.send(Topics.AGENT_COMMANDS, MessageKeys.of(command.cluster(), command.containerInstanceId()),
                Json.write(command));
    }

    private TaskStateChange awaitReport(String taskId, TaskStatus status) {
        return awaitReport(taskId, r -> r.lastStatus() == status);
    }

    private TaskStateChange awaitReport(String taskId, Predicate<TaskStateChange> matching) {
        return await().atMost(WAIT).until(() -> kafka.reports(taskId).stream()
                        .filter(matching).findFirst(),
                Optional::isPresent).orElseThrow();
    }

    private List<?> containersOf(String taskId) {
        return docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of("longshore.task-id", taskId)).exec();
    }
}
