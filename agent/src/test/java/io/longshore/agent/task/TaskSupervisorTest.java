package io.longshore.agent.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.longshore.agent.runtime.ImagePuller;
import io.longshore.agent.runtime.RegistryImagePuller;
import io.longshore.common.messaging.AgentCommand;
import io.longshore.common.messaging.TaskStateChange;
import io.longshore.common.model.Allocation;
import io.longshore.common.model.ContainerDefinition;
import io.longshore.common.model.HealthCheck;
import io.longshore.common.model.HealthStatus;
import io.longshore.common.model.RegistryCredential;
import io.longshore.common.model.StopCode;
import io.longshore.common.model.TaskSpec;
import io.longshore.common.model.TaskStatus;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The supervisor over a simulated runtime: what it reports as health changes, and what a returning agent stops. */
class TaskSupervisorTest {
    private static final String INSTANCE = "a".repeat(32);
    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path stateDir;

    private final SimulatedRuntime runtime = new SimulatedRuntime();
    private final List<TaskStateChange> reports = new CopyOnWriteArrayList<>();
    private TaskStore store;
    private TaskSupervisor supervisor;

    @BeforeEach
    void setUp() {
        store = new FileTaskStore(stateDir);
        supervisor = new TaskSupervisor(INSTANCE, "127.0.0.1", runtime, new RegistryImagePuller(runtime, Duration.ofSeconds(5)), store,
                reports::add, Clock.systemUTC());
    }

    @AfterEach
    void tearDown() {
        supervisor.close();
    }

    private static AgentCommand.StartTask start(String taskId, ContainerDefinition... containers) {
        TaskSpec spec = new TaskSpec("c1", taskId, null, null, "f", "service:web", "ecs-svc/d1", null, null, null,
                List.of(containers));
        return new AgentCommand.StartTask("c1", INSTANCE, spec, new Allocation(INSTANCE, 0, 0, List.of()));
    }

    private static ContainerDefinition container(String name, boolean essential, HealthCheck check) {
        return new ContainerDefinition(name, "img", null, null, null, null, essential, null, null, null, null, 3, null,
                check);
    }

    private List<TaskStateChange> reportsOf(String taskId, TaskStatus status) {
        return reports.stream().filter(r -> r.taskId().equals(taskId) && r.lastStatus() == status).toList();
    }

    private String runtimeId(String taskId, String container) {
        return reportsOf(taskId, TaskStatus.RUNNING).get(0).containers().stream()
                .filter(c -> c.name().equals(container)).findFirst().orElseThrow().runtimeId();
    }

    @Test
    void eachHealthChangeOfARunningTaskIsReportedOnceAndAnUnhealthyTaskRunsOn() {
        supervisor.adoptAll();
        HealthCheck check = new HealthCheck(List.of("CMD-SHELL", "true"), 1, null, 1, null);
        supervisor.onStart(start("t1", container("web", true, check), container("side", false, check),
                container("log", true, null)));
        await().atMost(WAIT).until(() -> reportsOf("t1", TaskStatus.RUNNING).size() == 1);
        assertThat(reportsOf("t1", TaskStatus.RUNNING).get(0).healthStatus()).isEqualTo(HealthStatus.UNKNOWN);
        String web = runtimeId("t1", "web");
        String side = runtimeId("t1", "side");

        runtime.setHealth(web, HealthStatus.HEALTHY);
        supervisor.watch();
        supervisor.watch();
        await().atMost(WAIT).until(() -> reportsOf("t1", TaskStatus.RUNNING).size() == 2);
        assertThat(reportsOf("t1", TaskStatus.RUNNING).get(1).healthStatus()).isEqualTo(HealthStatus.HEALTHY);

        // a non-essential container's check is reported on the container, not held against the task
        runtime.setHealth(side, HealthStatus.UNHEALTHY);
        supervisor.watch();
        await().atMost(WAIT).until(() -> reportsOf("t1", TaskStatus.RUNNING).size() == 3);
        TaskStateChange sideUnhealthy = reportsOf("t1", TaskStatus.RUNNING).get(2);
        assertThat(sideUnhealthy.healthStatus()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(sideUnhealthy.containers()).extracting(c -> c.healthStatus())
                .containsExactly(HealthStatus.HEALTHY, HealthStatus.UNHEALTHY, null);

        runtime.setHealth(web, HealthStatus.UNHEALTHY);
        supervisor.watch();
        await().atMost(WAIT).until(() -> reportsOf("t1", TaskStatus.RUNNING).size() == 4);
        assertThat(reportsOf("t1", TaskStatus.RUNNING).get(3).healthStatus()).isEqualTo(HealthStatus.UNHEALTHY);

        // nothing changed: nothing more is reported, and the unhealthy task is left running
        supervisor.watch();
        supervisor.onStart(start("t2", container("other", true, null)));
        await().atMost(WAIT).until(() -> reportsOf("t2", TaskStatus.RUNNING).size() == 1);
        supervisor.watch();
        supervisor.onStop(new AgentCommand.StopTask("c1", INSTANCE, "t2", StopCode.UserInitiated, null));
        await().atMost(WAIT).until(() -> reportsOf("t2", TaskStatus.STOPPED).size() == 1);
        assertThat(reportsOf("t1", TaskStatus.RUNNING)).hasSize(4);
        assertThat(supervisor.status("t1")).contains(TaskStatus.RUNNING);
        assertThat(runtime.stops).noneMatch(s -> s.startsWith(web + "/"));
        assertThat(reports).filteredOn(r -> r.taskId().equals("t1"))
                .allSatisfy(r -> assertThat(r.startedBy()).isEqualTo("ecs-svc/d1"));
    }

    @Test
    void aStopWaitingForAReturningAgentStopsTheTaskItAdoptedAsRunning() {
        // the previous run started the task; the agent then was away long enough to be declared lost
        AgentCommand.StartTask previous = start("lost", container("web", true, null));
        store.createIfAbsent(TaskRecord.of(previous));
        ContainerPlanner.plan(previous, INSTANCE, "127.0.0.1").forEach(p -> runtime.run(p.spec()));
        store.update("lost", TaskRecord::withStarted);

        supervisor.adoptAll();
        assertThat(reportsOf("lost", TaskStatus.RUNNING)).hasSize(1);
        String web = runtimeId("lost", "web");

        // the commands its consumer group kept: a stop for the adopted task, one for a task it never had
        supervisor.onStop(new AgentCommand.StopTask("c1", INSTANCE, "lost", StopCode.ServiceSchedulerInitiated,
                "Host was lost"));
        supervisor.onStop(new AgentCommand.StopTask("c1", INSTANCE, "unknown", StopCode.ServiceSchedulerInitiated,
                "Host was lost"));

        await().atMost(WAIT).until(() -> reportsOf("lost", TaskStatus.STOPPED).size() == 1);
        TaskStateChange stopped = reportsOf("lost", TaskStatus.STOPPED).get(0);
        assertThat(stopped.stopCode()).isEqualTo(StopCode.ServiceSchedulerInitiated);
        assertThat(stopped.stoppedReason()).isEqualTo("Host was lost");
        assertThat(stopped.startedBy()).isEqualTo("ecs-svc/d1");
        assertThat(stopped.containers()).singleElement().satisfies(c -> assertThat(c.exitCode()).isEqualTo(137));
        assertThat(reportsOf("lost", TaskStatus.STOPPING)).hasSize(1);
        assertThat(runtime.stops).containsExactly(web + "/3s"); // SIGTERM, SIGKILL after its stopTimeout
        assertThat(runtime.containers).isEmpty();
        assertThat(store.isRecorded("lost")).isFalse();

        // the unknown task: nothing to stop, no error; it is answered STOPPED and remembered
        await().atMost(WAIT).until(() -> reportsOf("unknown", TaskStatus.STOPPED).size() == 1);
        assertThat(reportsOf("unknown", TaskStatus.STOPPED).get(0).containers()).isEmpty();
        assertThat(store.finished("unknown")).isPresent();
        assertThat(supervisor.status("unknown")).isEmpty();
    }

    private static ContainerDefinition pulled(String name, String image, String policy) {
        return new ContainerDefinition(name, image, null, null, null, null, true, null, null, null, null, 3, null,
                null, policy);
    }

    @Test
    void eachImageIsEnsuredOnceWithItsPolicyAndTheTasksCredentialAndAPullFailureStopsTheTask() {
        List<String> asked = new CopyOnWriteArrayList<>();
        supervisor.close();
        supervisor = new TaskSupervisor(INSTANCE, "127.0.0.1", runtime, (image, policy, credential) -> {
            asked.add(image + " " + policy + " " + (credential == null ? "-" : credential.registry()));
            if (image.startsWith("127.0.0.1:1/")) {
                throw new ImagePuller.ImageUnavailableException("CannotPullContainerError: connection refused");
            }
        }, store, reports::add, Clock.systemUTC());
        supervisor.adoptAll();
        RegistryCredential credential = new RegistryCredential("127.0.0.1:5000", "AWS", "lst1.t", Instant.EPOCH);

        AgentCommand.StartTask ok = start("ok", pulled("a", "127.0.0.1:5000/team/app:1", "ALWAYS"),
                pulled("b", "127.0.0.1:5000/team/app:1", "ALWAYS"), pulled("c", "busybox", null));
        supervisor.onStart(withCredentials(ok, credential));
        await().atMost(WAIT).until(() -> reportsOf("ok", TaskStatus.RUNNING).size() == 1);
        assertThat(asked).containsExactly("127.0.0.1:5000/team/app:1 ALWAYS 127.0.0.1:5000", "busybox IF_NOT_PRESENT -");

        supervisor.onStart(withCredentials(start("bad", pulled("web", "longshore/busybox:latest", null),
                pulled("app", "127.0.0.1:1/nothing:latest", null)), credential));
        await().atMost(WAIT).until(() -> reportsOf("bad", TaskStatus.STOPPED).size() == 1);
        TaskStateChange stopped = reportsOf("bad", TaskStatus.STOPPED).get(0);
        assertThat(stopped.stopCode()).isEqualTo(StopCode.TaskFailedToStart);
        assertThat(stopped.stoppedReason()).isEqualTo("CannotPullContainerError: connection refused");
        assertThat(stopped.containers()).filteredOn(c -> c.name().equals("app")).singleElement()
                .satisfies(c -> assertThat(c.reason()).isEqualTo("CannotPullContainerError: connection refused"));
        assertThat(reportsOf("bad", TaskStatus.RUNNING)).isEmpty();
    }

    private static AgentCommand.StartTask withCredentials(AgentCommand.StartTask start, RegistryCredential credential) {
        return new AgentCommand.StartTask(start.cluster(), start.containerInstanceId(),
                start.task().withRegistryCredentials(List.of(credential)), start.allocation());
    }
}
