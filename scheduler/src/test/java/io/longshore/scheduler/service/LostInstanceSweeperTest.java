package io.longshore.scheduler.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.longshore.common.messaging.AgentCommand;
import io.longshore.common.messaging.InstanceState;
import io.longshore.common.model.Allocation;
import io.longshore.common.model.TaskStatus;
import io.longshore.scheduler.Fixtures;
import io.longshore.scheduler.state.ClusterState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class LostInstanceSweeperTest {
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    private final ClusterState state = new ClusterState();

    @Test
    void tasksOfAnInstanceDisconnectedPastTheGraceAreDeclaredStoppedAndTheirAgentIsToldToStopThem() {
        state.applyInstance(Fixtures.instance("i-a", 1024, 1024, "zone-a"), T0);
        state.applyInstance(Fixtures.instance("i-b", 1024, 1024, "zone-b"), T0);
        state.applyTask("t-1", TaskStatus.RUNNING, new Allocation("i-a", 128, 128, List.of(), "service:web"));
        state.applyTask("t-2", TaskStatus.RUNNING, new Allocation("i-b", 128, 128, List.of(), "service:web"));
        state.applyInstance(disconnected(Fixtures.instance("i-a", 1024, 1024, "zone-a")), T0.plusSeconds(5));

        assertThat(sweeperAt(T0.plusSeconds(34)).sweep("default", state)).isEmpty();

        List<SchedulerAction> actions = sweeperAt(T0.plusSeconds(35)).sweep("default", state);

        assertThat(actions).hasSize(2);
        assertThat(((SchedulerAction.ReportState) actions.get(0)).change()).satisfies(report -> {
            assertThat(report.taskId()).isEqualTo("t-1");
            assertThat(report.lastStatus()).isEqualTo(TaskStatus.STOPPED);
            assertThat(report.stoppedReason()).contains("Host was lost").contains("i-a");
        });
        assertThat(((SchedulerAction.SendCommand) actions.get(1)).command())
                .isInstanceOf(AgentCommand.StopTask.class)
                .satisfies(c -> assertThat(c.containerInstanceId()).isEqualTo("i-a"));
        assertThat(state.task("t-2").orElseThrow().status()).isEqualTo(TaskStatus.RUNNING);
        assertThat(state.usage("i-a").memory()).isZero();
        assertThat(sweeperAt(T0.plusSeconds(60)).sweep("default", state)).isEmpty(); // once only
    }

    @Test
    void anAgentBackWithinTheGraceLosesNothing() {
        state.applyInstance(Fixtures.instance("i-a", 1024, 1024, "zone-a"), T0);
        state.applyTask("t-1", TaskStatus.RUNNING, new Allocation("i-a", 128, 128, List.of(), null));
        state.applyInstance(disconnected(Fixtures.instance("i-a", 1024, 1024, "zone-a")), T0);
        state.applyInstance(Fixtures.instance("i-a", 1024, 1024, "zone-a"), T0.plusSeconds(20));

        assertThat(sweeperAt(T0.plusSeconds(120)).sweep("default", state)).isEmpty();
    }

    private static LostInstanceSweeper sweeperAt(Instant now) {
        return new LostInstanceSweeper(Clock.fixed(now, ZoneOffset.UTC), Duration.ofSeconds(30));
    }

    private static InstanceState disconnected(InstanceState i) {
        return new InstanceState(i.cluster(), i.containerInstanceId(), i.status(), false, i.bindIp(),
                i.agentVersion(), i.resources(), i.attributes(), i.registeredAt());
    }
}
