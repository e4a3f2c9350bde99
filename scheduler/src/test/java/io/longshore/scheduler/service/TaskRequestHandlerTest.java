package io.longshore.scheduler.service;

import static io.longshore.scheduler.Fixtures.instance;
import static io.longshore.scheduler.Fixtures.task;
import static org.assertj.core.api.Assertions.assertThat;

import io.longshore.common.messaging.AgentCommand;
import io.longshore.common.messaging.TaskRequest;
import io.longshore.common.model.StopCode;
import io.longshore.common.model.TaskStatus;
import io.longshore.scheduler.placement.PlacementEngine;
import io.longshore.scheduler.state.ClusterState;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TaskRequestHandlerTest {
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-24T00:00:00Z"), ZoneOffset.UTC);
    private final TaskRequestHandler handler = new TaskRequestHandler(new PlacementEngine(new Random(3)), clock);

    private static TaskRequest.PlaceTasks run(String... ids) {
        return new TaskRequest.PlaceTasks("default", "r1",
                java.util.Arrays.stream(ids).map(id -> task(id, 10, 100)).toList(), List.of(), List.of());
    }

    @Test
    void aPlacementIsReportedPendingAndSentToTheChosenAgent() {
        ClusterState state = new ClusterState();
        state.applyInstance(instance("a", 1024, 1024, "z"));
        List<SchedulerAction> actions = handler.handle(run("t1"), state);
        assertThat(actions).hasSize(2);
        var report = ((SchedulerAction.ReportState) actions.get(0)).change();
        assertThat(report.lastStatus()).isEqualTo(TaskStatus.PENDING);
        assertThat(report.allocation().containerInstanceId()).isEqualTo("a");
        assertThat(report.reportedAt()).isEqualTo(clock.instant());
        var start = (AgentCommand.StartTask) ((SchedulerAction.SendCommand) actions.get(1)).command();
        assertThat(start.containerInstanceId()).isEqualTo("a");
        assertThat(start.allocation()).isEqualTo(report.allocation());
    }

    @Test
    void aRedeliveredRequestPlacesNothingTwiceButResendsTheStartCommand() {
        ClusterState state = new ClusterState();
        state.applyInstance(instance("a", 1024, 1024, "z"));
        handler.handle(run("t1"), state);
        List<SchedulerAction> again = handler.handle(run("t1"), state);
        assertThat(again).singleElement().isInstanceOf(SchedulerAction.SendCommand.class);
        assertThat(state.usage("a").memory()).isEqualTo(100);

        state.applyTask("t1", TaskStatus.RUNNING, null);
        assertThat(handler.handle(run("t1"), state)).isEmpty();
    }

    @Test
    void aTaskThatFitsNowhereIsStoppedWithTheReason() {
        ClusterState state = new ClusterState();
        state.applyInstance(instance("a", 1024, 50, "z"));
        var report = ((SchedulerAction.ReportState) handler.handle(run("t1"), state).get(0)).change();
        assertThat(report.lastStatus()).isEqualTo(TaskStatus.STOPPED);
        assertThat(report.stopCode()).isEqualTo(StopCode.TaskFailedToStart);
        assertThat(report.stoppedReason()).isEqualTo("Unable to place task: RESOURCE:MEMORY");
    }

    @Test
    void stoppingAPlacedTaskOrdersItsAgentToStopIt() {
        ClusterState state = new ClusterState();
        state.applyInstance(instance("a", 1024, 1024, "z"));
        handler.handle(run("t1"), state);
        var actions = handler.handle(new TaskRequest.StopTask("default", "t1", StopCode.UserInitiated, "bye"), state);
        var stop = (AgentCommand.StopTask) ((SchedulerAction.SendCommand) actions.get(0)).command();
        assertThat(stop.containerInstanceId()).isEqualTo("a");
        assertThat(stop.reason()).isEqualTo("bye");
    }

    @Test
    void stoppingAnUnplacedTaskStopsItAtOnceAndOnlyOnce() {
        ClusterState state = new ClusterState();
        var actions = handler.handle(new TaskRequest.StopTask("default", "t9", StopCode.UserInitiated, "bye"), state);
        var report = ((SchedulerAction.ReportState) actions.get(0)).change();
        assertThat(report.lastStatus()).isEqualTo(TaskStatus.STOPPED);
        assertThat(report.stoppedReason()).isEqualTo("bye");
        assertThat(handler.handle(new TaskRequest.StopTask("default", "t9", StopCode.UserInitiated, "bye"), state))
                .isEmpty();
        assertThat(handler.handle(run("t9"), state)).as("a stopped task is never placed").isEmpty();
    }

    @Test
    void lateReportsDoNotMoveATaskBackwards() {
        ClusterState state = new ClusterState();
        state.applyInstance(instance("a", 1024, 1024, "z"));
        var placed = ((SchedulerAction.ReportState) handler.handle(run("t1"), state).get(0)).change();
        state.applyTask("t1", TaskStatus.STOPPED, placed.allocation());
        assertThat(state.applyTask("t1", TaskStatus.PENDING, placed.allocation())).isFalse();
        assertThat(state.usage("a").memory()).isZero();
    }
}
