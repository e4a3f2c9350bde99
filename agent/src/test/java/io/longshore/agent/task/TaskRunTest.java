package io.longshore.agent.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.longshore.common.messaging.AgentCommand;
import io.longshore.common.messaging.TaskStateChange;
import io.longshore.common.model.Allocation;
import io.longshore.common.model.ContainerDefinition;
import io.longshore.common.model.HealthCheck;
import io.longshore.common.model.HealthStatus;
import io.longshore.common.model.HostPort;
import io.longshore.common.model.NetworkBinding;
import io.longshore.common.model.StopCode;
import io.longshore.common.model.TaskSpec;
import io.longshore.common.model.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskRunTest {
    private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");

    private static TaskRun run() {
        var web = new ContainerDefinition("web", "img", null, null, null, null, null, null, null, null, null, 7, null);
        var log = new ContainerDefinition("log", "img", null, null, null, null, false, null, null, null, null, null, null);
        TaskSpec spec = new TaskSpec("c1", "t1", null, null, "f", null, null, null, null, null, List.of(web, log));
        return TaskRun.of(new AgentCommand.StartTask("c1", "i1", spec,
                new Allocation("i1", 10, 20, List.of(new HostPort(50000, "tcp")))));
    }

    @Test
    void containersKnowWhetherTheyAreEssentialAndTheirStopTimeout() {
        TaskRun run = run();
        assertThat(run.container("web").essential).isTrue();
        assertThat(run.container("web").stopTimeout).isEqualTo(Duration.ofSeconds(7));
        assertThat(run.container("log").essential).isFalse();
        assertThat(run.container("log").stopTimeout).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void everyReportIsCompleteAndBindingsShowOnlyWhileAContainerRuns() {
        TaskRun run = run();
        ContainerRun web = run.container("web");
        web.runtimeId = "abc";
        web.status = TaskStatus.RUNNING;
        web.networkBindings = List.of(new NetworkBinding("127.0.0.1", 80, 50000, "tcp"));
        run.status = TaskStatus.RUNNING;
        run.startedAt = NOW;

        TaskStateChange running = run.report("agent/i1", NOW);
        assertThat(running.schemaVersion()).isEqualTo(TaskStateChange.SCHEMA_VERSION);
        assertThat(running.key()).isEqualTo("c1/t1");
        assertThat(running.lastStatus()).isEqualTo(TaskStatus.RUNNING);
        assertThat(running.allocation().hostPorts()).containsExactly(new HostPort(50000, "tcp"));
        assertThat(running.reporter()).isEqualTo("agent/i1");
        assertThat(running.containers().get(0).networkBindings()).hasSize(1);
        assertThat(running.containers().get(0).runtimeId()).isEqualTo("abc");

        web.status = TaskStatus.STOPPED;
        web.exitCode = 143;
        run.status = TaskStatus.STOPPED;
        run.stopCode = StopCode.UserInitiated;
        run.stoppedReason = "bye";
        run.stoppedAt = NOW.plusSeconds(5);
        TaskStateChange stopped = run.report("agent/i1", NOW.plusSeconds(5));
        assertThat(stopped.containers().get(0).exitCode()).isEqualTo(143);
        assertThat(stopped.containers().get(0).networkBindings()).isEmpty();
        assertThat(stopped.stopCode()).isEqualTo(StopCode.UserInitiated);
        assertThat(stopped.stoppedReason()).isEqualTo("bye");
        assertThat(stopped.startedAt()).isEqualTo(NOW);
        assertThat(stopped.stoppedAt()).isEqualTo(NOW.plusSeconds(5));
    }

    @Test
    void reportsCarryStartedByAndHealthButNeverTheSpec() {
        var check = new HealthCheck(List.of("CMD-SHELL", "true"), 1, null, 1, null);
        var web = new ContainerDefinition("web", "img", null, null, null, null, null, null, null, null, null, null, null,
                check);
        var log = new ContainerDefinition("log", "img", null, null, null, null, false, null, null, null, null, null, null);
        TaskSpec spec = new TaskSpec("c1", "t1", null, null, "f", "service:web", "ecs-svc/dep1", null, null, null,
                List.of(web, log));
        TaskRun run = TaskRun.of(new AgentCommand.StartTask("c1", "i1", spec, new Allocation("i1", 0, 0, List.of())));

        TaskStateChange pending = run.report("agent/i1", NOW);
        assertThat(pending.startedBy()).isEqualTo("ecs-svc/dep1");
        assertThat(pending.task()).isNull();
        assertThat(pending.healthStatus()).isEqualTo(HealthStatus.UNKNOWN);
        assertThat(pending.containers()).extracting(c -> c.healthStatus())
                .containsExactly(HealthStatus.UNKNOWN, null);

        assertThat(run.container("log").observeHealth(HealthStatus.HEALTHY)).isFalse(); // no check of ours
        assertThat(run.container("web").observeHealth(HealthStatus.HEALTHY)).isTrue();
        assertThat(run.container("web").observeHealth(HealthStatus.HEALTHY)).isFalse();
        TaskStateChange healthy = run.report("agent/i1", NOW);
        assertThat(healthy.healthStatus()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(healthy.containers()).extracting(c -> c.healthStatus()).containsExactly(HealthStatus.HEALTHY, null);

        assertThat(run.container("web").observeHealth(HealthStatus.UNHEALTHY)).isTrue();
        assertThat(run.report("agent/i1", NOW).healthStatus()).isEqualTo(HealthStatus.UNHEALTHY);
        // the engine saying nothing is "not known yet", not "no check"
        assertThat(run.container("web").observeHealth(null)).isTrue();
        assertThat(run.container("web").health).isEqualTo(HealthStatus.UNKNOWN);
    }

    @Test
    void aTaskWithoutChecksReportsUnknownHealthAndNoStartedBy() {
        TaskStateChange report = run().report("agent/i1", NOW);
        assertThat(report.healthStatus()).isEqualTo(HealthStatus.UNKNOWN);
        assertThat(report.startedBy()).isNull();
        assertThat(report.containers()).allSatisfy(c -> assertThat(c.healthStatus()).isNull());
    }
}
