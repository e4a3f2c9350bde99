package io.longshore.scheduler.placement;

import static org.assertj.core.api.Assertions.assertThat;

import io.longshore.common.messaging.InstanceState;
import io.longshore.common.messaging.TaskRequest.PlacementConstraint;
import io.longshore.common.messaging.TaskRequest.PlacementStrategy;
import io.longshore.common.model.Allocation;
import io.longshore.common.model.TaskSpec;
import io.longshore.common.model.TaskStatus;
import io.longshore.scheduler.Fixtures;
import io.longshore.scheduler.state.ClusterState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Strategies and distinctInstance over random clusters: spread balances, binpack packs, distinct spreads. */
class StrategyPropertyTest {

    @Property(tries = 200)
    void spreadOverZonesKeepsTheGroupBalancedWithinOneTaskWhereEveryZoneHasRoom(
            @ForAll @IntRange(min = 1, max = 4) int zones, @ForAll @IntRange(min = 1, max = 12) int instances,
            @ForAll @IntRange(min = 1, max = 10) int tasks, @ForAll @IntRange(min = 0, max = 6) int alreadyRunning,
            @ForAll long seed) {
        ClusterState state = new ClusterState();
        Random random = new Random(seed);
        for (int i = 0; i < instances; i++) {
            state.applyInstance(Fixtures.instance("i-" + i, 100_000, 100_000, "zone-" + (i % zones)));
        }
        for (int i = 0; i < alreadyRunning; i++) { // earlier tasks of the group, anywhere
            state.applyTask("old-" + i, TaskStatus.RUNNING,
                    new Allocation("i-" + random.nextInt(instances), 10, 10, List.of(), "service:web"));
        }
        Map<String, Integer> before = perZone(state, Math.min(zones, instances));
        List<PlacementResult> results = new PlacementEngine(random).place(tasks(tasks, "service:web", 10, 10),
                List.of(), List.of(new PlacementStrategy("spread", "attribute:ecs.availability-zone")), state);
        results.forEach(r -> state.applyTask(r.task().taskId(), TaskStatus.PENDING, r.allocation()));
        Map<String, Integer> after = perZone(state, Math.min(zones, instances));

        assertThat(results).allMatch(PlacementResult::isPlaced);
        // Each task goes where the group is thinnest: the spread never grows past one task, and once
        // there are enough tasks to level the zones, it is within one task.
        int highest = before.values().stream().max(Integer::compare).orElse(0);
        int toLevel = before.values().stream().mapToInt(c -> highest - c).sum();
        assertThat(spreadOf(after.values())).isLessThanOrEqualTo(Math.max(1, spreadOf(before.values())));
        if (tasks >= toLevel) {
            assertThat(spreadOf(after.values())).isLessThanOrEqualTo(1);
        }
    }

    private static Map<String, Integer> perZone(ClusterState state, int zones) {
        Map<String, Integer> perZone = new HashMap<>();
        for (int z = 0; z < zones; z++) {
            perZone.put("zone-" + z, 0);
        }
        for (InstanceState instance : state.instances()) {
            perZone.merge(instance.attributes().get("ecs.availability-zone"),
                    state.usage(instance.containerInstanceId()).tasksOfGroup("service:web"), Integer::sum);
        }
        return perZone;
    }

    @Property(tries = 200)
    void binpackOnMemoryPicksTheInstanceWithTheLeastRemainingMemoryThatFits(
            @ForAll @Size(min = 1, max = 15) List<@IntRange(min = 0, max = 2000) Integer> used,
            @ForAll @IntRange(min = 1, max = 1500) int memory) {
        ClusterState state = new ClusterState();
        for (int i = 0; i < used.size(); i++) {
            state.applyInstance(Fixtures.instance("i-" + i, 100_000, 2048, "zone-a"));
            if (used.get(i) > 0) {
                state.applyTask("old-" + i, TaskStatus.RUNNING,
                        new Allocation("i-" + i, 1, used.get(i), List.of(), "family:other"));
            }
        }
        PlacementResult result = new PlacementEngine(new Random(1)).place(tasks(1, "family:web", 1, memory),
                List.of(), List.of(new PlacementStrategy("binpack", "memory")), state).get(0);

        List<Integer> remainingThatFit = used.stream().map(u -> 2048 - u).filter(r -> r >= memory).toList();
        if (remainingThatFit.isEmpty()) {
            assertThat(result.isPlaced()).isFalse();
            assertThat(result.failureReason()).isEqualTo(PlacementEngine.RESOURCE_MEMORY);
        } else {
            int chosen = Integer.parseInt(result.allocation().containerInstanceId().substring(2));
            assertThat(2048 - used.get(chosen)).isEqualTo(remainingThatFit.stream().min(Integer::compare).orElseThrow());
        }
    }

    @Property(tries = 200)
    void distinctInstancePutsEveryTaskOfTheGroupOnItsOwnInstance(
            @ForAll @IntRange(min = 1, max = 8) int instances, @ForAll @IntRange(min = 1, max = 10) int tasks) {
        ClusterState state = new ClusterState();
        for (int i = 0; i < instances; i++) {
            state.applyInstance(Fixtures.instance("i-" + i, 100_000, 100_000, "zone-" + (i % 2)));
        }
        List<PlacementResult> results = new PlacementEngine(new Random(1)).place(tasks(tasks, "service:web", 1, 1),
                List.of(new PlacementConstraint("distinctInstance", null)), List.of(), state);

        List<String> used = results.stream().filter(PlacementResult::isPlaced)
                .map(r -> r.allocation().containerInstanceId()).toList();
        assertThat(used).doesNotHaveDuplicates().hasSize(Math.min(tasks, instances));
        assertThat(results).filteredOn(r -> !r.isPlaced())
                .allMatch(r -> r.failureReason().equals(PlacementEngine.DISTINCT_INSTANCE));
    }

    private static List<TaskSpec> tasks(int n, String group, int cpu, int memory) {
        return IntStream.range(0, n).mapToObj(i -> Fixtures.task("t-" + i, group, cpu, memory))
                .collect(Collectors.toCollection(ArrayList::new));
    }

    private static int spreadOf(Collection<Integer> counts) {
        return counts.stream().max(Integer::compare).orElse(0) - counts.stream().min(Integer::compare).orElse(0);
    }
}
