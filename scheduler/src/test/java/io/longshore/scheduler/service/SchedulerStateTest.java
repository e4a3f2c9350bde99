package io.longshore.scheduler.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.longshore.common.messaging.AgentCommand;
import io.longshore.common.messaging.ClusterCapacity;
import io.longshore.common.messaging.ServiceSpec;
import io.longshore.common.messaging.ServiceStatus;
import io.longshore.common.messaging.TaskRequest;
import io.longshore.common.model.DeploymentConfiguration;
import io.longshore.common.model.TaskSpec;
import io.longshore.common.model.TaskStatus;
import io.longshore.scheduler.Fixtures;
import io.longshore.scheduler.capacity.ClusterCapacityReporter;
import io.longshore.scheduler.deployment.ServiceReconciler;
import io.longshore.scheduler.placement.PlacementEngine;
import io.longshore.scheduler.placement.ScaleInSelector;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SchedulerStateTest {
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC);
    private final PlacementEngine engine = new PlacementEngine(new Random(1));
    private final SchedulerState state = new SchedulerState(new TaskRequestHandler(engine, clock),
            new ServiceReconciler(engine, new ScaleInSelector(new Random(1)), clock,
                    ServiceReconciler.Settings.defaults(), () -> UUID.randomUUID().toString()),
            new LostInstanceSweeper(clock, Duration.ofSeconds(30)), new ClusterOwnership(),
            new ClusterCapacityReporter(clock, Duration.ofSeconds(30)), clock);

    @Test
    void aStatusIsPublishedWhenItChangesAndOnceAfterEverySpecChangeEvenIfTheSame() {
        state.apply(Fixtures.instance("i-a", 1024, 1024, "zone-a"));
        state.apply(spec(ServiceSpec.ACTIVE, 0));
        assertThat(state.reconcile("default").statuses()).hasSize(1);
        assertThat(state.reconcile("default").statuses()).isEmpty();

        state.apply(spec(ServiceSpec.DRAINING, 0)); // deleted with no task: nothing to change but the answer

        assertThat(state.reconcile("default").statuses()).hasSize(1);
        assertThat(state.reconcile("default").statuses()).isEmpty();
    }

    @Test
    void aServiceWhoseReconciliationFailsDoesNotStopTheOthersOfItsCluster() {
        state.apply(Fixtures.instance("i-a", 1024, 1024, "zone-a"));
        ServiceSpec web = spec(ServiceSpec.ACTIVE, 2);
        state.apply(new ServiceSpec("default", "broken", "arn:service/broken", ServiceSpec.ACTIVE,
                ServiceSpec.REPLICA, 1, "d0", null, List.of(), List.of(), DeploymentConfiguration.defaults(), 0,
                clock.instant())); // no task template: its reconciliation throws
        state.apply(web);

        SchedulerState.ClusterDecisions decisions = state.reconcile("default");

        assertThat(decisions.statuses()).extracting(ServiceStatus::serviceName).containsExactly("web");
        assertThat(decisions.actions()).filteredOn(a -> a instanceof SchedulerAction.SendCommand).hasSize(2);
    }

    @Test
    void eachRoundPlacesWaitingTasksThenSaysWhatEachProviderHoldsAndLacks() {
        state.markCaughtUp();
        state.apply(Fixtures.instance("plain", 4096, 4096, "z"));
        state.apply(new ServiceSpec("default", "logs", "arn:service/logs", ServiceSpec.ACTIVE, ServiceSpec.DAEMON, 0,
                "d1", Fixtures.task(null, ServiceSpec.group("logs"), 16, 16), List.of(), List.of(),
                DeploymentConfiguration.defaults(), 0, clock.instant()));
        List<SchedulerAction> first = state.decide(new TaskRequest.PlaceTasks("default", "r1",
                List.of(Fixtures.task("t1", 10, 100).withCapacityProviderName("a")), List.of(), List.of()));
        assertThat(first).singleElement().satisfies(a ->
                assertThat(((SchedulerAction.ReportState) a).change().lastStatus()).isEqualTo(TaskStatus.PROVISIONING));

        SchedulerState.ClusterDecisions waiting = state.reconcile("default");
        assertThat(waiting.capacities()).singleElement().satisfies(c -> {
            assertThat(c.capacityProviderName()).isEqualTo("a");
            assertThat(c.provisioning()).extracting(ClusterCapacity.WaitingTask::taskId).containsExactly("t1");
            assertThat(c.instances()).isEmpty();
        });
        assertThat(state.reconcile("default").capacities()).as("unchanged").isEmpty();

        state.apply(Fixtures.providerInstance("a1", 1024, 1024, "a"));
        SchedulerState.ClusterDecisions placed = state.reconcile("default");

        assertThat(placed.actions()).filteredOn(a -> a instanceof SchedulerAction.SendCommand)
                .map(a -> ((SchedulerAction.SendCommand) a).command())
                .anySatisfy(c -> {
                    assertThat(c).isInstanceOf(AgentCommand.StartTask.class);
                    assertThat(((AgentCommand.StartTask) c).taskId()).isEqualTo("t1");
                    assertThat(c.containerInstanceId()).isEqualTo("a1");
                });
        // the daemon's task started on a1 in the same round is not one that keeps the host from scale-in
        assertThat(placed.capacities()).singleElement().satisfies(c -> {
            assertThat(c.provisioning()).isEmpty();
            assertThat(c.instances()).singleElement().satisfies(i -> {
                assertThat(i.tasks()).isEqualTo(2);
                assertThat(i.nonDaemonTasks()).isEqualTo(1);
                assertThat(i.freeMemory()).isEqualTo(1024 - 100 - 16);
            });
        });
    }

    private ServiceSpec spec(String status, int desired) {
        TaskSpec task = Fixtures.task(null, ServiceSpec.group("web"), 128, 128);
        return new ServiceSpec("default", "web", "arn:service/web", status, ServiceSpec.REPLICA, desired, "d1", task,
                List.of(), List.of(), DeploymentConfiguration.defaults(), 0, clock.instant());
    }
}
