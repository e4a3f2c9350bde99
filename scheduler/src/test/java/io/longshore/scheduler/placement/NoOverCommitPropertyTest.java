package io.longshore.scheduler.placement;

import static org.assertj.core.api.Assertions.assertThat;

import io.longshore.common.messaging.TaskRequest.PlacementStrategy;
import io.longshore.common.model.Allocation;
import io.longshore.common.model.HostPort;
import io.longshore.common.model.PortMapping;
import io.longshore.common.model.TaskSpec;
import io.longshore.common.model.TaskStatus;
import io.longshore.scheduler.Fixtures;
import io.longshore.scheduler.state.ClusterState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever the cluster and the stream of tasks, no instance ever holds more than it has. */
class NoOverCommitPropertyTest {

    record Demand(int cpu, int memory, Integer staticPort, int dynamicPorts, boolean stopEarlierOne) {
    }

    @Property(tries = 300)
    void placementsNeverOverCommitCpuMemoryOrPorts(
            @ForAll("instanceSizes") List<Integer> instanceMemories,
            @ForAll("demands") List<Demand> demands,
            @ForAll("strategies") List<PlacementStrategy> strategies) {
        ClusterState state = new ClusterState();
        for (int i = 0; i < instanceMemories.size(); i++) {
            state.applyInstance(Fixtures.instance("i" + i, 2048, instanceMemories.get(i), "z" + (i % 3)));
        }
        PlacementEngine engine = new PlacementEngine(new Random(7));
        List<String> live = new ArrayList<>();
        Map<String, Allocation> allocations = new HashMap<>();
        int n = 0;
        for (Demand demand : demands) {
            if (demand.stopEarlierOne() && !live.isEmpty()) {
                String stopped = live.remove(0);
                state.applyTask(stopped, TaskStatus.STOPPED, allocations.remove(stopped));
            }
            String id = "t" + n++;
            List<PortMapping> ports = new ArrayList<>();
            if (demand.staticPort() != null) {
                ports.add(new PortMapping(80, demand.staticPort(), "tcp"));
            }
            for (int p = 0; p < demand.dynamicPorts(); p++) {
                ports.add(new PortMapping(81 + p, 0, "tcp"));
            }
            TaskSpec task = Fixtures.task(id, demand.cpu(), demand.memory(), ports.toArray(PortMapping[]::new));
            PlacementResult result = engine.place(List.of(task), List.of(), strategies, state).get(0);
            if (result.isPlaced()) {
                state.applyTask(id, TaskStatus.RUNNING, result.allocation());
                live.add(id);
                allocations.put(id, result.allocation());
            }
            assertWithinCapacity(state, allocations);
        }
    }

    private static void assertWithinCapacity(ClusterState state, Map<String, Allocation> allocations) {
        for (var instance : state.instances()) {
            String id = instance.containerInstanceId();
            List<Allocation> held = allocations.values().stream().filter(a -> a.containerInstanceId().equals(id)).toList();
            assertThat(held.stream().mapToInt(Allocation::cpu).sum()).isLessThanOrEqualTo(instance.resources().cpu());
            assertThat(held.stream().mapToInt(Allocation::memory).sum())
                    .isLessThanOrEqualTo(instance.resources().memory());
            Set<HostPort> ports = new HashSet<>();
            held.forEach(a -> a.hostPorts().forEach(p -> assertThat(ports.add(p)).as("port %s held twice", p).isTrue()));
            assertThat(ports).noneMatch(p -> instance.resources().reservedPorts().contains(p.port()));
        }
    }

    @Provide
    Arbitrary<List<Integer>> instanceSizes() {
        return Arbitraries.integers().between(256, 4096).list().ofMinSize(1).ofMaxSize(6);
    }

    @Provide
    Arbitrary<List<Demand>> demands() {
        Arbitrary<Demand> demand = Combinators.combine(
                Arbitraries.integers().between(0, 1024),
                Arbitraries.integers().between(6, 1500),
                Arbitraries.of(8080, 8081, 22).injectNull(0.6),
                Arbitraries.integers().between(0, 3),
                Arbitraries.of(true, false)).as(Demand::new);
        return demand.list().ofMaxSize(40);
    }

    @Provide
    Arbitrary<List<PlacementStrategy>> strategies() {
        return Arbitraries.of(
                new PlacementStrategy("binpack", "memory"),
                new PlacementStrategy("binpack", "cpu"),
                new PlacementStrategy("spread", "instanceId"),
                new PlacementStrategy("spread", "attribute:ecs.availability-zone"),
                new PlacementStrategy("random", null)).list().ofMaxSize(3);
    }
}
