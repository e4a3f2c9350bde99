package io.longshore.autoscaler.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import io.longshore.autoscaler.hosts.ProvisionedHost;
import io.longshore.common.messaging.CapacityDecision;
import io.longshore.common.messaging.CapacityProviderSpec;
import io.longshore.common.messaging.ClusterCapacity;
import io.longshore.common.messaging.ClusterCapacity.ProviderInstance;
import io.longshore.common.messaging.ClusterCapacity.WaitingTask;
import io.longshore.common.model.InstanceStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ClusterScalerTest {
    static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    static final Instant LONG_AGO = NOW.minus(Duration.ofHours(1));
    static final String CLUSTER = "prod";
    static final String PROVIDER = "cp";

    private final AtomicInteger ids = new AtomicInteger();
    private final ClusterScaler scaler = new ClusterScaler(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMinutes(15),
            Duration.ofMinutes(5), () -> "h-new" + ids.incrementAndGet());

    // --- scale out ---

    @Test
    void launchesTheHostsThatTheWaitingTasksBinpackInto() {
        // 5 tasks of 1024 CPU units, hosts of 2048: 3 hosts, none running: reservation 200
        ClusterScaling s = decide(spec(0, 10, managed(100, 300)), List.of(), capacity(waiting(5, 1024, 1024)),
                Set.of(), null);

        assertThat(s.launch()).containsExactly("h-new1", "h-new2", "h-new3");
        assertThat(s.instancesNeeded()).isEqualTo(3);
        assertThat(s.reservation()).isEqualTo(200);
        CapacityDecision.GroupStatus status = s.status(Set.of());
        assertThat(status.desiredCapacity()).isEqualTo(3);
        assertThat(status.hostIds()).containsExactly("h-new1", "h-new2", "h-new3");
        assertThat(status.autoScalingGroupName()).isEqualTo("asg");
        assertThat(status.activity().description()).contains("Launching a new host: h-new1");
        assertThat(status.activity().cause())
                .isEqualTo("CapacityProviderReservation 200 is above the target 100: 3 hosts needed, 0 running");
    }

    @Test
    void aFailedLaunchIsLeftOutOfTheStatus() {
        ClusterScaling s = decide(spec(0, 10, managed(100, 300)), List.of(), capacity(waiting(3, 1024, 1024)),
                Set.of(), null);

        CapacityDecision.GroupStatus status = s.status(Set.of("h-new1"));
        assertThat(status.desiredCapacity()).isEqualTo(1);
        assertThat(status.hostIds()).containsExactly("h-new2");
        assertThat(status.activity().description()).doesNotContain("h-new1");
    }

    @Test
    void theMinimumSizeIsKeptWithoutAnyTask() {
        ClusterScaling s = decide(spec(2, 10, managed(100, 300)), List.of(), null, Set.of(), null);

        assertThat(s.launch()).hasSize(2);
        assertThat(s.status(Set.of()).activity().cause()).isEqualTo("the group has 0 hosts, fewer than its minimum size 2");
    }

    @Test
    void aHostInItsWarmUpBlocksFurtherScaleOut() {
        ProvisionedHost young = host("h-1", NOW.minusSeconds(60));
        ClusterScaling s = decide(spec(0, 10, managed(100, 300)), List.of(young),
                capacity(List.of(instance("h-1", "i-1", 0, 0, 2)), waiting(2, 1024, 1024)), Set.of(), null);

        assertThat(s.launch()).isEmpty();
        assertThat(s.reservation()).isEqualTo(200); // still above the target: after the warm-up it launches
        assertThat(s.status(Set.of()).activity()).isNull();

        ProvisionedHost warm = host("h-1", NOW.minusSeconds(301));
        assertThat(decide(spec(0, 10, managed(100, 300)), List.of(warm),
                capacity(List.of(instance("h-1", "i-1", 0, 0, 2)), waiting(2, 1024, 1024)), Set.of(), null).launch())
                .hasSize(1);
    }

    @Test
    void neverLaunchesBeyondTheMaximumSize() {
        ClusterScaling s = decide(spec(0, 2, managed(100, 0)), List.of(), capacity(waiting(10, 1024, 1024)),
                Set.of(), null);
        assertThat(s.launch()).hasSize(2);
    }

    // --- scale in ---

    @Test
    void drainsOnlyEmptyHostsOnceTheReservationHasBeenBelowTheTargetLongEnough() {
        List<ProvisionedHost> hosts = List.of(host("h-1", LONG_AGO), host("h-2", LONG_AGO.plusSeconds(1)),
                host("h-3", LONG_AGO.plusSeconds(2)));
        ClusterCapacity capacity = capacity(List.of(instance("h-1", "i-1", 0, 0, 2), instance("h-2", "i-2", 2048, 4096, 0),
                instance("h-3", "i-3", 1024, 2048, 1)), List.of());

        ClusterScaling s = decide(spec(0, 10, managed(100, 0)), hosts, capacity, Set.of(), NOW.minus(Duration.ofMinutes(16)));

        assertThat(s.drain()).singleElement().satisfies(d -> {
            assertThat(d.hostId()).isEqualTo("h-2");
            assertThat(d.containerInstanceId()).isEqualTo("i-2");
        });
        assertThat(s.terminate()).isEmpty(); // not before it is DRAINING and empty
        CapacityDecision.GroupStatus status = s.status(Set.of());
        assertThat(status.desiredCapacity()).isEqualTo(2);
        assertThat(status.hostIds()).containsExactly("h-1", "h-2", "h-3"); // h-2 still runs while it drains
        assertThat(status.activity().description()).isEqualTo("Draining host h-2 (container instance i-2)");
        assertThat(status.activity().cause()).isEqualTo(
                "CapacityProviderReservation 66.7 is below the target 100: 2 hosts needed, 3 running, for 15 minutes or longer");
        assertThat(s.belowTargetSince()).isNull(); // the next scale-in waits a whole period again
    }

    @Test
    void belowTheTargetForLessThanTheScaleInPeriodDrainsNothingAndKeepsCounting() {
        List<ProvisionedHost> hosts = List.of(host("h-1", LONG_AGO), host("h-2", LONG_AGO));
        ClusterCapacity capacity = capacity(List.of(instance("h-1", "i-1", 0, 0, 2),
                instance("h-2", "i-2", 2048, 4096, 0)), List.of());

        ClusterScaling first = decide(spec(0, 10, managed(100, 0)), hosts, capacity, Set.of(), null);
        assertThat(first.drain()).isEmpty();
        assertThat(first.belowTargetSince()).isEqualTo(NOW);

        Instant since = NOW.minus(Duration.ofMinutes(14));
        ClusterScaling later = decide(spec(0, 10, managed(100, 0)), hosts, capacity, Set.of(), since);
        assertThat(later.drain()).isEmpty();
        assertThat(later.belowTargetSince()).isEqualTo(since);

        ClusterScaling atTarget = decide(spec(0, 10, managed(50, 0)), hosts, capacity, Set.of(), since);
        assertThat(atTarget.belowTargetSince()).isNull(); // 1 needed of 2 is the target 50: the wait starts over
    }

    @Test
    void neverDrainsBelowTheMinimumSize() {
        List<ProvisionedHost> hosts = List.of(host("h-1", LONG_AGO), host("h-2", LONG_AGO));
        ClusterCapacity capacity = capacity(List.of(instance("h-1", "i-1", 2048, 4096, 0),
                instance("h-2", "i-2", 2048, 4096, 0)), List.of());

        ClusterScaling s = decide(spec(1, 10, managed(100, 0)), hosts, capacity, Set.of(), LONG_AGO);
        assertThat(s.drain()).hasSize(1);
        assertThat(s.status(Set.of()).desiredCapacity()).isEqualTo(1);
    }

    @Test
    void aDrainedHostIsTerminatedOnceDrainingAndEmptyAndItsInstanceDeregistered() {
        List<ProvisionedHost> hosts = List.of(host("h-1", LONG_AGO), host("h-2", LONG_AGO));
        ClusterCapacity stillActive = capacity(List.of(instance("h-1", "i-1", 0, 0, 2),
                instance("h-2", "i-2", 2048, 4096, 0)), List.of());
        ClusterScaling waiting = decide(spec(0, 10, managed(100, 0)), hosts, stillActive, Set.of("i-2"), null);
        assertThat(waiting.terminate()).isEmpty(); // the control plane has not set it DRAINING yet
        assertThat(waiting.drain()).isEmpty(); // asked once already
        assertThat(waiting.status(Set.of()).desiredCapacity()).isEqualTo(1);

        ClusterCapacity drained = capacity(List.of(instance("h-1", "i-1", 0, 0, 2),
                instance("h-2", "i-2", InstanceStatus.DRAINING, 2048, 4096, 1, 0)), List.of());
        ClusterScaling s = decide(spec(0, 10, managed(100, 0)), hosts, drained, Set.of("i-2"), null);

        assertThat(s.terminate()).singleElement().satisfies(t -> {
            assertThat(t.hostId()).isEqualTo("h-2");
            assertThat(t.containerInstanceId()).isEqualTo("i-2"); // so it is deregistered after
        });
        CapacityDecision.GroupStatus status = s.status(Set.of());
        assertThat(status.hostIds()).containsExactly("h-1");
        assertThat(status.desiredCapacity()).isEqualTo(1);
        assertThat(status.activity().description()).isEqualTo("Terminating host h-2 (container instance i-2)");
        assertThat(status.activity().cause())
                .isEqualTo("container instance i-2 was drained and runs no task other than daemon tasks");
        // a termination that failed leaves the host in the status
        assertThat(s.status(Set.of("h-2")).hostIds()).containsExactly("h-1", "h-2");
    }

    @Test
    void neverTerminatesAHostWhoseInstanceRunsANonDaemonTask() {
        List<ProvisionedHost> hosts = List.of(host("h-1", LONG_AGO), host("h-2", LONG_AGO));
        // drained, but a task landed there before the drain took effect: wait for it
        ClusterCapacity busy = capacity(List.of(instance("h-1", "i-1", 2048, 4096, 0),
                instance("h-2", "i-2", InstanceStatus.DRAINING, 1024, 2048, 1, 1)), List.of());

        ClusterScaling s = decide(spec(0, 10, managed(100, 0)), hosts, busy, Set.of("i-2"), LONG_AGO);

        assertThat(s.terminate()).isEmpty();
        assertThat(s.status(Set.of()).hostIds()).contains("h-2");
    }

    @Test
    void aHostDrainedBySomeoneElseIsNotTerminated() {
        List<ProvisionedHost> hosts = List.of(host("h-1", LONG_AGO));
        ClusterCapacity capacity = capacity(List.of(instance("h-1", "i-1", InstanceStatus.DRAINING, 2048, 4096, 0, 0)),
                List.of());

        ClusterScaling s = decide(spec(1, 10, managed(100, 0)), hosts, capacity, Set.of(), null);

        assertThat(s.terminate()).isEmpty();
        assertThat(s.launch()).hasSize(1); // a draining host is not in service: the minimum needs another
    }

    @Test
    void hostsAboveTheMaximumAreDrainedTheEmptiestFirst() {
        List<ProvisionedHost> hosts = List.of(host("h-1", LONG_AGO), host("h-2", LONG_AGO), host("h-3", LONG_AGO));
        ClusterCapacity capacity = capacity(List.of(instance("h-1", "i-1", 0, 0, 2),
                instance("h-2", "i-2", 1024, 2048, 1), instance("h-3", "i-3", 0, 0, 2)), List.of());

        ClusterScaling s = decide(spec(0, 2, managed(100, 0)), hosts, capacity, Set.of(), null);

        assertThat(s.drain()).extracting(ClusterScaling.Drain::hostId).containsExactly("h-2");
        assertThat(s.status(Set.of()).activity().cause()).isEqualTo("the group has 3 hosts, more than its maximum size 2");
    }

    // --- managed scaling disabled ---

    @Test
    void withoutManagedScalingTheGroupKeepsItsDesiredCapacity() {
        ClusterScaling up = decide(spec(0, 5, 3, null), List.of(host("h-1", LONG_AGO)),
                capacity(List.of(instance("h-1", "i-1", 2048, 4096, 0)), waiting(20, 1024, 1024)), Set.of(), null);
        assertThat(up.launch()).hasSize(2); // to 3, whatever waits
        assertThat(up.status(Set.of()).activity().cause())
                .isEqualTo("managed scaling is off and the group has 1 host, fewer than its desired capacity 3");

        List<ProvisionedHost> three = List.of(host("h-1", LONG_AGO), host("h-2", LONG_AGO), host("h-3", LONG_AGO));
        ClusterCapacity idle = capacity(List.of(instance("h-1", "i-1", 2048, 4096, 0),
                instance("h-2", "i-2", 2048, 4096, 0), instance("h-3", "i-3", 2048, 4096, 0)), List.of());
        ClusterScaling steady = decide(spec(0, 5, 3, null), three, idle, Set.of(), LONG_AGO);
        assertThat(steady.launch()).isEmpty();
        assertThat(steady.drain()).isEmpty(); // idle, but the desired capacity is 3
        assertThat(steady.status(Set.of()).activity()).isNull();

        ClusterScaling down = decide(spec(0, 5, 1, null), three, idle, Set.of(), null);
        assertThat(down.drain()).hasSize(2);
    }

    @Test
    void withoutManagedScalingTheDesiredCapacityIsClampedIntoMinAndMax() {
        assertThat(decide(spec(2, 5, 0, disabled()), List.of(), null, Set.of(), null).launch()).hasSize(2);
        assertThat(decide(spec(0, 2, 9, disabled()), List.of(), null, Set.of(), null).launch()).hasSize(2);
    }

    // --- registration ---

    @Test
    void aHostThatNeverRegistersIsTerminatedAndReplaced() {
        ProvisionedHost stuck = host("h-1", NOW.minus(Duration.ofMinutes(5)));
        ClusterScaling s = decide(spec(1, 10, managed(100, 300)), List.of(stuck), capacity(List.of(), List.of()),
                Set.of(), null);

        assertThat(s.terminate()).singleElement().satisfies(t -> {
            assertThat(t.hostId()).isEqualTo("h-1");
            assertThat(t.containerInstanceId()).isNull(); // nothing to deregister
        });
        assertThat(s.launch()).containsExactly("h-new1");
        CapacityDecision.GroupStatus status = s.status(Set.of());
        assertThat(status.hostIds()).containsExactly("h-new1");
        assertThat(status.activity().description()).isEqualTo("Terminating host h-1; Launching a new host: h-new1");
        assertThat(status.activity().cause()).startsWith(
                "host h-1 did not register as a container instance within 5 minutes; the group has 0 hosts");
    }

    @Test
    void aHostStillStartingCountsAsAnEmptyHostOfTheGroupsShape() {
        ProvisionedHost starting = host("h-1", NOW.minus(Duration.ofMinutes(4)));
        ClusterScaling s = decide(spec(0, 10, managed(100, 0)), List.of(starting),
                capacity(List.of(), waiting(2, 1024, 1024)), Set.of(), null);

        assertThat(s.terminate()).isEmpty();
        assertThat(s.launch()).isEmpty(); // both tasks fit on it once it registers
        assertThat(s.status(Set.of()).hostIds()).containsExactly("h-1");
    }

    @Test
    void theActivityIdIsDerivedFromWhatWasDone() {
        List<ProvisionedHost> hosts = List.of(host("h-1", LONG_AGO), host("h-2", LONG_AGO));
        ClusterCapacity capacity = capacity(List.of(instance("h-1", "i-1", 0, 0, 2),
                instance("h-2", "i-2", 2048, 4096, 0)), List.of());
        String first = decide(spec(0, 10, managed(100, 0)), hosts, capacity, Set.of(), LONG_AGO).status(Set.of())
                .activity().activityId();
        String again = decide(spec(0, 10, managed(100, 0)), hosts, capacity, Set.of(), LONG_AGO).status(Set.of())
                .activity().activityId();
        assertThat(again).isEqualTo(first);
    }

    // --- fixtures ---

    private ClusterScaling decide(CapacityProviderSpec spec, List<ProvisionedHost> hosts, ClusterCapacity capacity,
                                  Set<String> drained, Instant belowSince) {
        return scaler.decide(spec, hosts, capacity, drained, belowSince);
    }

    static CapacityProviderSpec spec(int min, int max, CapacityProviderSpec.ManagedScaling scaling) {
        return spec(min, max, 0, scaling);
    }

    static CapacityProviderSpec spec(int min, int max, int desired, CapacityProviderSpec.ManagedScaling scaling) {
        return new CapacityProviderSpec(PROVIDER, "arn:cp", CapacityProviderSpec.ACTIVE, CLUSTER,
                new CapacityProviderSpec.AutoScalingGroup("asg", "arn:asg", min, max, desired, 2048, 4096, Map.of(),
                        "process"),
                scaling, true, LONG_AGO);
    }

    static CapacityProviderSpec.ManagedScaling managed(int target, int warmupSeconds) {
        return new CapacityProviderSpec.ManagedScaling(true, target, 1, 10, warmupSeconds);
    }

    static CapacityProviderSpec.ManagedScaling disabled() {
        return new CapacityProviderSpec.ManagedScaling(false, 100, 1, 10, 300);
    }

    static ProvisionedHost host(String id, Instant launchedAt) {
        return new ProvisionedHost(id, "asg", "127.0.1.1", launchedAt);
    }

    static ProviderInstance instance(String hostId, String instanceId, int freeCpu, int freeMemory, int tasks) {
        return instance(hostId, instanceId, InstanceStatus.ACTIVE, freeCpu, freeMemory, tasks, tasks);
    }

    static ProviderInstance instance(String hostId, String instanceId, InstanceStatus status, int freeCpu,
                                     int freeMemory, int tasks, int nonDaemonTasks) {
        return new ProviderInstance(instanceId, status, true, freeCpu, freeMemory, tasks, nonDaemonTasks, hostId,
                LONG_AGO);
    }

    static List<WaitingTask> waiting(int count, int cpu, int memory) {
        List<WaitingTask> tasks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            tasks.add(new WaitingTask("t" + i, cpu, memory, LONG_AGO));
        }
        return Collections.unmodifiableList(tasks);
    }

    static ClusterCapacity capacity(List<WaitingTask> waiting) {
        return capacity(List.of(), waiting);
    }

    static ClusterCapacity capacity(List<ProviderInstance> instances, List<WaitingTask> waiting) {
        return new ClusterCapacity(CLUSTER, PROVIDER, waiting, instances, NOW);
    }
}
