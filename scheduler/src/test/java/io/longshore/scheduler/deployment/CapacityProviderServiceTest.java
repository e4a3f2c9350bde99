package io.longshore.scheduler.deployment;

import static io.longshore.scheduler.Fixtures.providerInstance;
import static org.assertj.core.api.Assertions.assertThat;

import io.longshore.common.messaging.AgentCommand;
import io.longshore.common.messaging.ServiceSpec;
import io.longshore.common.messaging.TaskStateChange;
import io.longshore.common.model.CapacityProviderStrategyItem;
import io.longshore.common.model.DeploymentConfiguration;
import io.longshore.common.model.TaskSpec;
import io.longshore.common.model.TaskStatus;
import io.longshore.scheduler.Fixtures;
import io.longshore.scheduler.placement.PlacementEngine;
import io.longshore.scheduler.placement.ScaleInSelector;
import io.longshore.scheduler.service.SchedulerAction;
import io.longshore.scheduler.service.TaskRequestHandler;
import io.longshore.scheduler.state.ClusterState;
import io.longshore.scheduler.state.ClusterState.TrackedTask;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A service with a capacity provider strategy: tasks split by base and weight, waiting ones counted. */
class CapacityProviderServiceTest {
    private static final List<CapacityProviderStrategyItem> A1_THEN_1_TO_3 = List.of(
            new CapacityProviderStrategyItem("a", 1, 1), new CapacityProviderStrategyItem("b", 0, 3));

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC);
    private final AtomicInteger ids = new AtomicInteger();
    private final PlacementEngine engine = new PlacementEngine(new Random(1));
    private final TaskRequestHandler handler = new TaskRequestHandler(engine, clock);
    private ServiceReconciler reconciler;
    private ClusterState state;
    private ServiceRuntime runtime;

    @BeforeEach
    void setUp() {
        reconciler = new ServiceReconciler(engine, new ScaleInSelector(new Random(1)), clock,
                ServiceReconciler.Settings.defaults(), () -> "id" + ids.incrementAndGet());
        state = new ClusterState();
        runtime = new ServiceRuntime();
    }

    @Test
    void newTasksAreSplitByTheStrategysBaseAndWeights() {
        state.applyInstance(providerInstance("a1", 4096, 4096, "a"));
        state.applyInstance(providerInstance("b1", 4096, 4096, "b"));
        runtime.spec(spec(5, A1_THEN_1_TO_3));

        ReconcileOutcome outcome = reconciler.reconcile(runtime, state);

        assertThat(reports(outcome, TaskStatus.PENDING)).hasSize(5);
        assertThat(starts(outcome)).allSatisfy(s -> assertThat(s.containerInstanceId())
                .isEqualTo(s.task().capacityProviderName() + "1"));
        assertThat(byProvider(starts(outcome))).isEqualTo(Map.of("a", 2L, "b", 3L));

        // one more: the split goes on from where the service's live tasks are (a 2, b 3 → b)
        runtime.spec(spec(6, A1_THEN_1_TO_3));
        assertThat(byProvider(starts(reconciler.reconcile(runtime, state)))).isEqualTo(Map.of("b", 1L));
    }

    @Test
    void tasksThatFitNowhereWaitCountAsPendingAndArePlacedWhenTheirProviderGrows() {
        state.applyInstance(providerInstance("a1", 4096, 4096, "a")); // provider b has no instance yet
        runtime.spec(spec(3, A1_THEN_1_TO_3));

        ReconcileOutcome first = reconciler.reconcile(runtime, state);

        assertThat(reports(first, TaskStatus.PENDING)).singleElement()
                .satisfies(r -> assertThat(r.allocation().containerInstanceId()).isEqualTo("a1"));
        List<TaskStateChange> waiting = reports(first, TaskStatus.PROVISIONING);
        assertThat(waiting).hasSize(2).allSatisfy(r -> {
            assertThat(r.task().capacityProviderName()).isEqualTo("b");
            assertThat(r.task().group()).isEqualTo("service:web");
            assertThat(r.startedBy()).isEqualTo("ecs-svc/d1");
            assertThat(r.task().startedBy()).isEqualTo("ecs-svc/d1");
        });
        assertThat(first.status().pendingCount()).isEqualTo(3);

        ReconcileOutcome second = reconciler.reconcile(runtime, state);
        assertThat(second.actions()).as("the waiting tasks are not created again").isEmpty();
        assertThat(handler.placeWaiting(state)).isEmpty();

        state.applyInstance(providerInstance("b1", 4096, 4096, "b"));
        List<SchedulerAction> placed = handler.placeWaiting(state);
        assertThat(placed).filteredOn(a -> a instanceof SchedulerAction.SendCommand).hasSize(2)
                .allSatisfy(a -> assertThat(((SchedulerAction.SendCommand) a).command().containerInstanceId())
                        .isEqualTo("b1"));
        assertThat(placed).filteredOn(a -> a instanceof SchedulerAction.ReportState)
                .allSatisfy(a -> assertThat(((SchedulerAction.ReportState) a).change().startedBy())
                        .isEqualTo("ecs-svc/d1"));
        assertThat(reconciler.reconcile(runtime, state).actions()).isEmpty();
        assertThat(state.tasksOfGroup("service:web")).hasSize(3)
                .allSatisfy(t -> assertThat(t.status()).isEqualTo(TaskStatus.PENDING));
    }

    @Test
    void scalingInStopsTheWaitingTasksFirstAndAtOnce() {
        state.applyInstance(providerInstance("a1", 4096, 4096, "a"));
        runtime.spec(spec(3, A1_THEN_1_TO_3));
        reconciler.reconcile(runtime, state);
        TrackedTask placed = state.tasksOfGroup("service:web").stream()
                .filter(t -> t.status() == TaskStatus.PENDING).findFirst().orElseThrow();
        state.applyTask(new TrackedTask(placed.taskId(), TaskStatus.RUNNING, null, null, null, clock.instant(), null,
                null, null));

        runtime.spec(spec(1, A1_THEN_1_TO_3));
        ReconcileOutcome outcome = reconciler.reconcile(runtime, state);

        assertThat(reports(outcome, TaskStatus.STOPPED)).hasSize(2)
                .allSatisfy(r -> assertThat(r.taskId()).isNotEqualTo(placed.taskId()));
        assertThat(outcome.actions()).as("nothing runs anywhere: no agent to tell")
                .noneMatch(a -> a instanceof SchedulerAction.SendCommand);
        assertThat(state.waitingTasks()).isEmpty();
        assertThat(state.task(placed.taskId()).orElseThrow().status()).isEqualTo(TaskStatus.RUNNING);
    }

    @Test
    void withoutAStrategyTasksGoAnywhereAndAreNotKeptWaiting() {
        state.applyInstance(providerInstance("a1", 300, 300, "a"));
        runtime.spec(spec(2, List.of()));
        ReconcileOutcome outcome = reconciler.reconcile(runtime, state);
        assertThat(reports(outcome, TaskStatus.PENDING)).hasSize(1);
        assertThat(reports(outcome, TaskStatus.PROVISIONING)).isEmpty();
        assertThat(starts(outcome)).allSatisfy(s -> assertThat(s.task().capacityProviderName()).isNull());
    }

    private static Map<String, Long> byProvider(List<AgentCommand.StartTask> starts) {
        return starts.stream().collect(Collectors.groupingBy(s -> s.task().capacityProviderName(),
                Collectors.counting()));
    }

    private static List<TaskStateChange> reports(ReconcileOutcome outcome, TaskStatus status) {
        return outcome.actions().stream().filter(a -> a instanceof SchedulerAction.ReportState)
                .map(a -> ((SchedulerAction.ReportState) a).change()).filter(c -> c.lastStatus() == status).toList();
    }

    private static List<AgentCommand.StartTask> starts(ReconcileOutcome outcome) {
        return outcome.actions().stream().filter(a -> a instanceof SchedulerAction.SendCommand)
                .map(a -> ((SchedulerAction.SendCommand) a).command())
                .filter(c -> c instanceof AgentCommand.StartTask).map(c -> (AgentCommand.StartTask) c).toList();
    }

    private ServiceSpec spec(int desired, List<CapacityProviderStrategyItem> strategy) {
        TaskSpec template = Fixtures.task(null, ServiceSpec.group("web"), 256, 256);
        return new ServiceSpec("default", "web", "arn:aws:ecs:local:000000000000:service/default/web",
                ServiceSpec.ACTIVE, ServiceSpec.REPLICA, desired, "d1", template, List.of(), List.of(),
                DeploymentConfiguration.defaults(), 0, clock.instant(), strategy);
    }
}
