package io.longshore.agent.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import io.longshore.agent.instance.AgentIdentity;
import io.longshore.common.messaging.AgentCommand;
import io.longshore.common.messaging.Json;
import io.longshore.common.messaging.MessageKeys;
import io.longshore.common.messaging.TaskStateChange;
import io.longshore.common.messaging.Topics;
import io.longshore.common.model.HealthStatus;
import io.longshore.common.model.StopCode;
import io.longshore.common.model.TaskStatus;
import io.longshore.testing.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An agent restarting on top of what its previous run left behind (see {@link PreviousRunResource}):
 * it comes back as the same instance, adopts what still runs, reports what ended meanwhile, finishes
 * what was cut short, and removes containers that belong to no task. No orphan, no task stuck.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = PreviousRunResource.class, restrictToAnnotatedClass = true)
class AgentRestartAdoptionTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static String instanceId;

    @Inject
    AgentIdentity identity;


    // read at run time, not injected: every test class's injection points are checked at every start
    private final String seededInstanceId = seeded("instance-id");
    private final String runningTask = seeded("running");
    private final String exitedTask = seeded("exited");
    private final String vanishedTask = seeded("vanished");
    private final String unstartedTask = seeded("unstarted");
    private final String stoppingTask = seeded("stopping");
    private final String orphanContainer = seeded("orphan-container");
    private final String lostTask = seeded("lost");
    private final String unknownTask = seeded("unknown");

    private KafkaProbe kafka;
    private DockerClient docker;

    @BeforeEach
    void setUp() {
        instanceId = identity.instanceId();
        kafka = new KafkaProbe(Topics.TASK_STATE, Topics.DEAD_LETTER);
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
    void comesBackAsTheSameInstance() {
        assertThat(identity.instanceId()).isEqualTo(seededInstanceId);
    }

    @Test
    void adoptsARunningTaskAndStillWatchesIt() {
        TaskStateChange running = awaitReport(runningTask, TaskStatus.RUNNING);
        assertThat(running.reporter()).isEqualTo("agent/" + instanceId);
        assertThat(running.containers()).singleElement().satisfies(c -> {
            assertThat(c.lastStatus()).isEqualTo(TaskStatus.RUNNING);
            assertThat(c.networkBindings()).singleElement().satisfies(b -> {
                assertThat(b.bindIP()).isEqualTo("127.0.0.1");
                assertThat(b.containerPort()).isEqualTo(8080);
            });
        });
        assertThat(containersOf(runningTask)).hasSize(1);

        // the adopted container is watched again: kill it and the task stops as an exited essential container
        docker.killContainerCmd(running.containers().get(0).runtimeId()).exec();
        TaskStateChange stopped = awaitReport(runningTask, TaskStatus.STOPPED);
        assertThat(stopped.stopCode()).isEqualTo(StopCode.EssentialContainerExited);
        assertThat(stopped.containers().get(0).exitCode()).isEqualTo(137);
        await().atMost(WAIT).until(() -> containersOf(runningTask).isEmpty());
        await().atMost(WAIT).until(() -> !Files.exists(taskFile(runningTask)));
    }

    @Test
    void reportsATaskWhoseEssentialContainerExitedMeanwhile() {
        TaskStateChange stopped = awaitReport(exitedTask, TaskStatus.STOPPED);
        assertThat(stopped.stopCode()).isEqualTo(StopCode.EssentialContainerExited);
        assertThat(stopped.stoppedReason()).isEqualTo("Essential container in task exited");
        assertThat(stopped.containers()).singleElement().satisfies(c -> assertThat(c.exitCode()).isEqualTo(7));
        await().atMost(WAIT).until(() -> containersOf(exitedTask).isEmpty());
        assertThat(kafka.reports(exitedTask)).noneMatch(r -> r.lastStatus() == TaskStatus.RUNNING);
    }

    @Test
    void reportsATaskWhoseContainersDisappeared() {
        TaskStateChange stopped = awaitReport(vanishedTask, TaskStatus.STOPPED);
        assertThat(stopped.stopCode()).isEqualTo(StopCode.EssentialContainerExited);
        assertThat(stopped.stoppedReason()).isEqualTo("Container disappeared while the agent was down");
        assertThat(stopped.containers()).singleElement().satisfies(c -> {
            assertThat(c.exitCode()).isNull();
            assertThat(c.reason()).isEqualTo("Container disappeared while the agent was down");
        });
        await().atMost(WAIT).until(() -> !Files.exists(taskFile(vanishedTask)));
    }

    @Test
    void redoesAStartThatWasCutShort() {
        TaskStateChange running = awaitReport(unstartedTask, TaskStatus.RUNNING);
        assertThat(running.containers()).singleElement()
                .satisfies(c -> assertThat(c.lastStatus()).isEqualTo(TaskStatus.RUNNING));
        assertThat(containersOf(unstartedTask)).hasSize(1);

        send(new AgentCommand.StopTask(Fixtures.CLUSTER, instanceId, unstartedTask, StopCode.UserInitiated, null));
        awaitReport(unstartedTask, TaskStatus.STOPPED);
        await().atMost(WAIT).until(() -> containersOf(unstartedTask).isEmpty());
    }

    @Test
    void finishesAStopThatWasCutShort() {
        TaskStateChange stopped = awaitReport(stoppingTask, TaskStatus.STOPPED);
        assertThat(stopped.stopCode()).isEqualTo(StopCode.UserInitiated);
        assertThat(stopped.stoppedReason()).isEqualTo("stop before the crash");
        assertThat(stopped.containers()).singleElement().satisfies(c -> assertThat(c.exitCode()).isNotNull());
        await().atMost(WAIT).until(() -> containersOf(stoppingTask).isEmpty());
    }

    @Test
    void stopsATaskItAdoptedWhenAStopWaitedForItWhileItWasAway() {
        // adopted as running first: the StopTask is only taken once adoption is done
        TaskStateChange adopted = awaitReport(lostTask, TaskStatus.RUNNING);
        String containerId = adopted.containers().get(0).runtimeId();

        TaskStateChange stopped = awaitReport(lostTask, TaskStatus.STOPPED);
        assertThat(stopped.stopCode()).isEqualTo(StopCode.ServiceSchedulerInitiated);
        assertThat(stopped.stoppedReason()).isEqualTo(PreviousRunResource.LOST_REASON);
        assertThat(stopped.startedBy()).isEqualTo("ecs-svc/lost-deployment");
        assertThat(stopped.healthStatus()).isEqualTo(HealthStatus.UNKNOWN);
        // busybox sleep as PID 1 ignores SIGTERM: SIGKILL after its stopTimeout (1 s)
        assertThat(stopped.containers()).singleElement().satisfies(c -> {
            assertThat(c.runtimeId()).isEqualTo(containerId);
            assertThat(c.exitCode()).isEqualTo(137);
        });
        assertThat(kafka.reports(lostTask).stream().map(TaskStateChange::lastStatus).toList())
                .containsExactly(TaskStatus.RUNNING, TaskStatus.STOPPING, TaskStatus.STOPPED);
        assertThat(kafka.reports(lostTask)).allSatisfy(r -> assertThat(r.startedBy()).isEqualTo("ecs-svc/lost-deployment"));
        await().atMost(WAIT).until(() -> containersOf(lostTask).isEmpty());
        await().atMost(WAIT).until(() -> !Files.exists(taskFile(lostTask)));
    }

    @Test
    void aStopForATaskItDoesNotKnowIsAnsweredWithoutError() {
        // answered STOPPED (so a task whose StartTask never arrived is not left PENDING), nothing run
        TaskStateChange stopped = awaitReport(unknownTask, TaskStatus.STOPPED);
        assertThat(stopped.containers()).isEmpty();
        assertThat(stopped.stopCode()).isEqualTo(StopCode.ServiceSchedulerInitiated);
        assertThat(containersOf(unknownTask)).isEmpty();
        assertThat(kafka.reports(unknownTask)).hasSize(1);
        assertThat(kafka.records(Topics.DEAD_LETTER)).isEmpty();
    }

    @Test
    void removesOrphanContainers() {
        await().atMost(WAIT).until(() -> docker.listContainersCmd().withShowAll(true)
                .withIdFilter(List.of(orphanContainer)).exec().isEmpty());
    }

    private static String seeded(String name) {
        return ConfigProvider.getConfig().getValue(PreviousRunResource.PREFIX + name, String.class);
    }

    private Path taskFile(String taskId) {
        return identity.stateDir().resolve("tasks").resolve(taskId + ".json");
    }

    private void send(AgentCommand command) {
        kafka.send(Topics.AGENT_COMMANDS, MessageKeys.of(command.cluster(), command.containerInstanceId()),
                Json.write(command));
    }

    private TaskStateChange awaitReport(String taskId, TaskStatus status) {
        return await().atMost(WAIT).until(() -> kafka.reports(taskId).stream()
                .filter(r -> r.lastStatus() == status).findFirst(), Optional::isPresent).orElseThrow();
    }

    private List<?> containersOf(String taskId) {
        return docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of("longshore.task-id", taskId)).exec();
    }
}
