package io.longshore.scaling.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class CapacityPlannerTest {
    static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    static final Instant LONG_AGO = NOW.minus(Duration.ofHours(1));
    static final HostShape SHAPE = new HostShape(2048, 4096);
    static final ManagedScaling SCALING = new ManagedScaling(100, 1, 10, Duration.ofSeconds(60));

    static GroupHost host(String id, int freeCpu, int freeMemory, int tasks) {
        return new GroupHost(id, "i-" + id, freeCpu, freeMemory, tasks, false, LONG_AGO);
    }

    static List<TaskNeed> tasks(int count, int cpu, int memory) {
        return Collections.nCopies(count, new TaskNeed(cpu, memory));
    }

    static CapacityPlan plan(ManagedScaling scaling, int min, int max, List<GroupHost> hosts, List<TaskNeed> waiting,
                             boolean below) {
        return CapacityPlanner.plan(scaling, min, max, SHAPE, hosts, waiting, below, NOW);
    }

    @Test
    void noHostsAndTasksWaitingIsAReservationOf200AndLaunchesByBinpacking() {
        CapacityPlan plan = plan(SCALING, 0, 10, List.of(), tasks(5, 1024, 1024), false);
        assertThat(plan.reservation()).isEqualTo(200);
        assertThat(plan.instancesNeeded()).isEqualTo(3); // two per host by CPU
        assertThat(plan.launch()).isEqualTo(3);
    }

    @Test
    void waitingTasksFillFreeCapacityBeforeNewHosts() {
        List<GroupHost> hosts = List.of(host("a", 1024, 2048, 1), host("b", 0, 0, 2));
        CapacityPlan plan = plan(SCALING, 0, 10, hosts, tasks(3, 1024, 1024), false);
        assertThat(plan.instancesNeeded()).isEqualTo(3); // one fits on a, two need a new host
        assertThat(plan.reservation()).isEqualTo(150);
        assertThat(plan.launch()).isEqualTo(1);
    }

    @Test
    void startingHostsCountAsEmptyHostsOfTheShape() {
        GroupHost starting = new GroupHost("c", null, 0, 0, 0, false, NOW.minusSeconds(5));
        CapacityPlan plan = plan(new ManagedScaling(100, 1, 10, Duration.ZERO), 0, 10, List.of(starting),
                tasks(2, 1024, 1024), false);
        assertThat(plan.instancesNeeded()).isEqualTo(1);
        assertThat(plan.launch()).isZero();
    }

    @Test
    void aTargetBelow100KeepsSpareHosts() {
        CapacityPlan plan = plan(new ManagedScaling(50, 1, 10, Duration.ZERO), 0, 10,
                List.of(host("a", 0, 0, 2)), List.of(), false);
        assertThat(plan.reservation()).isEqualTo(100);
        assertThat(plan.launch()).isEqualTo(1); // ceil(1 × 100 / 50) = 2 hosts
    }

    @Test
    void stepsStayWithinTheScalingStepSizesAndMaxSize() {
        CapacityPlan capped = plan(new ManagedScaling(100, 1, 2, Duration.ZERO), 0, 10, List.of(),
                tasks(10, 2048, 1024), false);
        assertThat(capped.launch()).isEqualTo(2);
        CapacityPlan atLeast = plan(new ManagedScaling(100, 3, 5, Duration.ZERO), 0, 10, List.of(),
                tasks(1, 512, 512), false);
        assertThat(atLeast.launch()).isEqualTo(3);
        CapacityPlan max = plan(SCALING, 0, 4, List.of(host("a", 0, 0, 1)), tasks(10, 2048, 1024), false);
        assertThat(max.launch()).isEqualTo(3);
    }

    @Test
    void aWarmingHostBlocksFurtherScaleOut() {
        GroupHost fresh = new GroupHost("a", "i-a", 0, 0, 2, false, NOW.minusSeconds(30));
        assertThat(plan(SCALING, 0, 10, List.of(fresh), tasks(2, 1024, 1024), false).launch()).isZero();
        GroupHost warm = new GroupHost("a", "i-a", 0, 0, 2, false, NOW.minusSeconds(61));
        assertThat(plan(SCALING, 0, 10, List.of(warm), tasks(2, 1024, 1024), false).launch()).isEqualTo(1);
    }

    @Test
    void growsToMinSizeWithNothingWaiting() {
        assertThat(plan(SCALING, 2, 10, List.of(), List.of(), false).launch()).isEqualTo(2);
    }

    @Test
    void tasksTooLargeForTheShapeAreCountedNotPacked() {
        CapacityPlan plan = plan(SCALING, 0, 10, List.of(), tasks(2, 4096, 1024), false);
        assertThat(plan.unplaceable()).isEqualTo(2);
        assertThat(plan.launch()).isZero();
    }

    @Test
    void scaleInRemovesOnlyEmptyHostsAndOnlyWhenSustainedBelowTarget() {
        List<GroupHost> hosts = List.of(host("busy", 1024, 2048, 1), host("idle1", 2048, 4096, 0),
                new GroupHost("idle2", "i-idle2", 2048, 4096, 0, false, LONG_AGO.plusSeconds(10)));
        assertThat(plan(SCALING, 0, 10, hosts, List.of(), false).terminate()).isEmpty();
        CapacityPlan plan = plan(SCALING, 0, 10, hosts, List.of(), true);
        assertThat(plan.reservation()).isCloseTo(33.3, org.assertj.core.api.Assertions.within(0.1));
        assertThat(plan.terminate()).containsExactly("idle2", "idle1"); // newest first; busy never
        assertThat(plan(SCALING, 2, 10, hosts, List.of(), true).terminate()).containsExactly("idle2");
        assertThat(plan(new ManagedScaling(100, 1, 1, Duration.ZERO), 0, 10, hosts, List.of(), true).terminate())
                .hasSize(1);
    }

    @Test
    void aHostThatWaitingTasksWouldFillIsNotRemoved() {
        List<GroupHost> hosts = List.of(host("a", 2048, 4096, 0), host("b", 2048, 4096, 0));
        CapacityPlan plan = plan(SCALING, 0, 10, hosts, tasks(1, 1024, 1024), true);
        assertThat(plan.terminate()).containsExactly("b");
    }

    @Test
    void drainingHostsNeitherCountNorTakeTasks() {
        GroupHost draining = new GroupHost("d", "i-d", 2048, 4096, 0, true, LONG_AGO);
        CapacityPlan plan = plan(SCALING, 0, 10, List.of(draining), tasks(1, 512, 512), false);
        assertThat(plan.instancesRunning()).isZero();
        assertThat(plan.launch()).isEqualTo(1);
    }
}
