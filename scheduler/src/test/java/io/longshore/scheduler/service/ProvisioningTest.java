package io.longshore.scheduler.service;

import static io.longshore.scheduler.Fixtures.instance;
import static io.longshore.scheduler.Fixtures.providerInstance;
import static io.longshore.scheduler.Fixtures.task;
import static org.assertj.core.api.Assertions.assertThat;

import io.longshore.common.messaging.AgentCommand;
import io.longshore.common.messaging.TaskRequest;
import io.longshore.common.messaging.TaskRequest.PlacementConstraint;
import io.longshore.common.messaging.TaskRequest.PlacementStrategy;
import io.longshore.common.messaging.TaskStateChange;
import io.longshore.common.model.StopCode;
import io.longshore.common.model.TaskSpec;
import io.longshore.common.model.TaskStatus;
import io.longshore.scheduler.placement.PlacementEngine;
import io.longshore.scheduler.state.ClusterState;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Tasks of a capacity provider that has no room: PROVISIONING, waiting, and placed once room appears. */
class ProvisioningTest {
    private static final List<PlacementConstraint> CONSTRAINTS =
            List.of(new PlacementConstraint("memberOf", "attribute:ecs.availability-zone == z"));
    private static final List<PlacementStrategy> STRATEGY = List.of(new PlacementStrategy("binpack", "memory"));

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-24T00:00:00Z"), ZoneOffset.UTC);
    private final TaskRequestHandler handler = new TaskRequestHandler(new PlacementEngine(new Random(3)), clock);

    private static TaskSpec onA(String id, int memory) {
        return task(id, 10, memory).withCapacityProviderName("a");
    }

    private static TaskRequest.PlaceTasks run(TaskSpec... tasks) {
        return new TaskRequest.PlaceTasks("default", "r1", List.of(tasks), CONSTRAINTS, STRATEGY);
    }

    private static List<TaskStateChange> reports(List<SchedulerAction> actions) {
        return actions.stream().filter(a -> a instanceof SchedulerAction.ReportState)
                .map(a -> ((SchedulerAction.ReportState) a).change()).toList();
    }

    private static List<AgentCommand.StartTask> starts(List<SchedulerAction> actions) {
        return actions.stream().filter(a -> a instanceof SchedulerAction.SendCommand)
                .map(a -> ((SchedulerAction.SendCommand) a).command())
                .filter(c -> c instanceof AgentCommand.StartTask).map(c -> (AgentCommand.StartTask) c).toList();
    }

    @Test
    void aProviderTaskThatFitsNowhereIsProvisioningWithItsWholeSpecNotStopped() {
        ClusterState state = new ClusterState();
        state.applyInstance(instance("plain", 4096, 4096, "z")); // room, but not the provider's

        List<SchedulerAction> actions = handler.handle(run(onA("t1", 100)), state);

        assertThat(actions).singleElement().isInstanceOf(SchedulerAction.ReportState.class);
        TaskStateChange report = reports(actions).get(0);
        assertThat(report.lastStatus()).isEqualTo(TaskStatus.PROVISIONING);
        assertThat(report.allocation()).isNull();
        assertThat(report.reportedAt()).isEqualTo(clock.instant());
        assertThat(report.task()).isEqualTo(onA("t1", 100).withPlacement(CONSTRAINTS, STRATEGY));
        assertThat(state.waitingTasks()).extracting(w -> w.spec().taskId()).containsExactly("t1");
        assertThat(state.usage("plain").memory()).isZero();
    }

    @Test
    void aTaskWithoutAProviderIsStillStoppedWhenItFitsNowhere() {
        ClusterState state = new ClusterState();
        state.applyInstance(providerInstance("a1", 1024, 50, "a"));
        TaskStateChange report = reports(handler.handle(run(task("t1", 10, 100)), state)).get(0);
        assertThat(report.lastStatus()).isEqualTo(TaskStatus.STOPPED);
        assertThat(report.stoppedReason()).isEqualTo("Unable to place task: RESOURCE:MEMORY");
        assertThat(state.waitingTasks()).isEmpty();
    }

    @Test
    void aWaitingTaskIsPlacedWhenAnInstanceOfItsProviderAppearsAndNotBefore() {
        ClusterState state = new ClusterState();
        state.applyInstance(instance("plain", 4096, 4096, "z"));
        handler.handle(run(onA("t1", 100)), state);

        assertThat(handler.placeWaiting(state)).as("no instance of the provider yet").isEmpty();
        state.applyInstance(providerInstance("b1", 4096, 4096, "b"));
        assertThat(handler.placeWaiting(state)).as("another provider's instance").isEmpty();

        state.applyInstance(providerInstance("a1", 1024, 1024, "a"));
        List<SchedulerAction> actions = handler.placeWaiting(state);

        TaskStateChange pending = reports(actions).get(0);
        assertThat(pending.lastStatus()).isEqualTo(TaskStatus.PENDING);
        assertThat(pending.allocation().containerInstanceId()).isEqualTo("a1");
        AgentCommand.StartTask start = starts(actions).get(0);
        assertThat(start.containerInstanceId()).isEqualTo("a1");
        assertThat(start.task().taskId()).isEqualTo("t1");
        assertThat(start.task().capacityProviderName()).isEqualTo("a");
        assertThat(start.allocation()).isEqualTo(pending.allocation());
        assertThat(state.waitingTasks()).isEmpty();
        assertThat(state.usage("a1").memory()).isEqualTo(100);
        assertThat(handler.placeWaiting(state)).as("nothing is placed twice").isEmpty();
        assertThat(handler.handle(run(onA("t1", 100)), state)).as("a redelivered request only resends the start")
                .singleElement().isInstanceOf(SchedulerAction.SendCommand.class);
    }

    @Test
    void aWaitingTaskKeepsItsOwnConstraints() {
        ClusterState state = new ClusterState();
        handler.handle(run(onA("t1", 100)), state);
        // of the provider, but outside the request's memberOf (zone z)
        state.applyInstance(new io.longshore.common.messaging.InstanceState("default", "a1",
                io.longshore.common.model.InstanceStatus.ACTIVE, true, "127.0.0.1", "0.1.0",
                instance("a1", 1024, 1024, "y").resources(), java.util.Map.of("ecs.availability-zone", "y"),
                Instant.EPOCH, "a"));
        assertThat(handler.placeWaiting(state)).isEmpty();
        state.applyInstance(providerInstance("a2", 1024, 1024, "a")); // zone z
        assertThat(reports(handler.placeWaiting(state))).singleElement()
                .satisfies(r -> assertThat(r.allocation().containerInstanceId()).isEqualTo("a2"));
    }

    @Test
    void waitingTasksArePlacedOldestFirstAsRoomAllows() {
        ClusterState state = new ClusterState();
        Clock later = Clock.offset(clock, java.time.Duration.ofSeconds(5));
        new TaskRequestHandler(new PlacementEngine(new Random(3)), later).handle(run(onA("a-young", 600)), state);
        handler.handle(run(onA("z-old", 600)), state);
        assertThat(state.waitingTasks()).extracting(w -> w.spec().taskId()).containsExactly("z-old", "a-young");

        state.applyInstance(providerInstance("a1", 1024, 1000, "a")); // room for one of them
        assertThat(reports(handler.placeWaiting(state))).extracting(TaskStateChange::taskId).containsExactly("z-old");
        assertThat(state.waitingTasks()).extracting(w -> w.spec().taskId()).containsExactly("a-young");
    }

    @Test
    void aRedeliveredRequestForAWaitingTaskChangesNothing() {
        ClusterState state = new ClusterState();
        handler.handle(run(onA("t1", 100)), state);
        Instant since = state.waitingTasks().get(0).since();
        assertThat(new TaskRequestHandler(new PlacementEngine(new Random(3)),
                Clock.offset(clock, java.time.Duration.ofMinutes(1))).handle(run(onA("t1", 100)), state)).isEmpty();
        assertThat(state.waitingTasks()).singleElement().satisfies(w -> assertThat(w.since()).isEqualTo(since));
    }

    @Test
    void stoppingAWaitingTaskStopsItAndItWaitsNoMore() {
        ClusterState state = new ClusterState();
        handler.handle(run(onA("t1", 100)), state);

        List<SchedulerAction> actions = handler.handle(
                new TaskRequest.StopTask("default", "t1", StopCode.UserInitiated, "bye"), state);

        assertThat(actions).singleElement().isInstanceOf(SchedulerAction.ReportState.class);
        assertThat(reports(actions).get(0).lastStatus()).isEqualTo(TaskStatus.STOPPED);
        assertThat(state.waitingTasks()).isEmpty();
        state.applyInstance(providerInstance("a1", 1024, 1024, "a"));
        assertThat(handler.placeWaiting(state)).isEmpty();
    }

    @Test
    void theWaitingListIsRebuiltFromTheReportsAndALaterReportEndsTheWait() {
        ClusterState decided = new ClusterState();
        List<TaskStateChange> published = reports(handler.handle(run(onA("t1", 100), onA("t2", 100)), decided));

        ClusterState rebuilt = new ClusterState(); // a restarted scheduler reading task-state
        published.forEach(rebuilt::applyReport);
        published.forEach(rebuilt::applyReport); // redelivered: no change
        assertThat(rebuilt.waitingTasks()).extracting(w -> w.spec().taskId()).containsExactly("t1", "t2");
        assertThat(rebuilt.waitingTasks().get(0).spec().placementConstraints()).isEqualTo(CONSTRAINTS);
        assertThat(rebuilt.waitingTasks().get(0).since()).isEqualTo(clock.instant());

        rebuilt.applyReport(new TaskStateChange("default", "t2", TaskStatus.STOPPED, null, null,
                StopCode.UserInitiated, "bye", null, null, clock.instant(), clock.instant(), "scheduler"));
        assertThat(rebuilt.waitingTasks()).extracting(w -> w.spec().taskId()).containsExactly("t1");

        rebuilt.applyInstance(providerInstance("a1", 1024, 1024, "a"));
        List<SchedulerAction> placed = handler.placeWaiting(rebuilt);
        assertThat(reports(placed)).extracting(TaskStateChange::taskId).containsExactly("t1");
        assertThat(starts(placed)).singleElement().satisfies(s -> assertThat(s.task().placementConstraints())
                .as("the agent gets the task, not how it was placed").isEmpty());

        // the PROVISIONING report read back after the placement moves nothing backwards
        rebuilt.applyReport(published.get(0));
        assertThat(rebuilt.waitingTasks()).isEmpty();
        assertThat(rebuilt.task("t1").orElseThrow().status()).isEqualTo(TaskStatus.PENDING);
    }
}
