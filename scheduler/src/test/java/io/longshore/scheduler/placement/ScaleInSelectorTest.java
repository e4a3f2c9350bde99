package io.longshore.scheduler.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.longshore.common.messaging.InstanceState;
import io.longshore.common.messaging.TaskRequest.PlacementStrategy;
import io.longshore.common.model.Allocation;
import io.longshore.common.model.InstanceResources;
import io.longshore.common.model.InstanceStatus;
import io.longshore.common.model.TaskStatus;
import io.longshore.scheduler.Fixtures;
import io.longshore.scheduler.placement.ScaleInSelector.InstanceLoad;
import io.longshore.scheduler.placement.ScaleInSelector.RunningTask;
import io.longshore.scheduler.state.ClusterState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScaleInSelectorTest {
    private static final PlacementStrategy SPREAD_AZ = new PlacementStrategy("spread", "attribute:ecs.availability-zone");
    private static final PlacementStrategy SPREAD_INSTANCE = new PlacementStrategy("spread", "instanceId");
    private static final PlacementStrategy BINPACK_MEMORY = new PlacementStrategy("binpack", "memory");
    private static final PlacementStrategy BINPACK_CPU = new PlacementStrategy("binpack", "cpu");

    private final ScaleInSelector selector = new ScaleInSelector(new Random(42));

    private static RunningTask task(String id, String instance, int cpu, int memory) {
        return new RunningTask(id, instance, new Allocation(instance, cpu, memory, List.of(), "service:web"), false);
    }

    private static RunningTask task(String id, String instance) {
        return task(id, instance, 10, 100);
    }

    private static RunningTask protectedTask(String id, String instance) {
        return new RunningTask(id, instance, new Allocation(instance, 10, 100, List.of(), "service:web"), true);
    }

    private static InstanceLoad load(String id, String zone, int cpu, int memory, int usedCpu, int usedMemory) {
        return new InstanceLoad(Fixtures.instance(id, cpu, memory, zone), usedCpu, usedMemory);
    }

    private static InstanceLoad load(String id, String zone) {
        return load(id, zone, 4096, 4096, 0, 0);
    }

    private static List<String> ids(List<RunningTask> tasks) {
        return tasks.stream().map(RunningTask::taskId).toList();
    }

    private static List<String> instancesOf(List<RunningTask> tasks) {
        return tasks.stream().map(RunningTask::containerInstanceId).toList();
    }

    // --- no strategy: AZ with most tasks, then instance with most tasks ---

    @Test
    void withoutStrategyTakesFromTheZoneWithMostTasksThenTheInstanceWithMost() {
        // zone a: 3 tasks (i1: 1, i2: 2); zone b: 2 tasks (i3: 2)
        List<InstanceLoad> instances = List.of(load("i1", "a"), load("i2", "a"), load("i3", "b"));
        List<RunningTask> tasks = List.of(task("t1", "i1"), task("t2", "i2"), task("t3", "i2"),
                task("t4", "i3"), task("t5", "i3"));

        List<RunningTask> chosen = selector.select(tasks, instances, List.of(), 1);

        // zone a has the most; within a, i2 has the most (not i1, though i1 is alone)
        assertThat(instancesOf(chosen)).containsExactly("i2");
    }

    @Test
    void withoutStrategyKeepsZonesThenInstancesBalancedOverSeveralChoices() {
        List<InstanceLoad> instances = List.of(load("i1", "a"), load("i2", "a"), load("i3", "b"));
        List<RunningTask> tasks = List.of(task("t1", "i1"), task("t2", "i2"), task("t3", "i2"),
                task("t4", "i3"), task("t5", "i3"));

        List<RunningTask> chosen = selector.select(tasks, instances, null, 3);

        // a3/b2 -> a (i2) -> a2/b2 tie, i1=1 i2=1 i3=2 -> i3 -> a2/b1 -> a, i1 and i2 tied at 1
        assertThat(instancesOf(chosen).subList(0, 2)).containsExactly("i2", "i3");
        assertThat(chosen.get(2).containerInstanceId()).isIn("i1", "i2");
    }

    @Test
    void nullAndEmptyStrategiesMeanTheSameDefault() {
        List<InstanceLoad> instances = List.of(load("i1", "a"), load("i2", "b"), load("i3", "b"));
        List<RunningTask> tasks = List.of(task("t1", "i1"), task("t2", "i2"), task("t3", "i3"), task("t4", "i3"));

        assertThat(ids(new ScaleInSelector(new Random(7)).select(tasks, instances, null, 4)))
                .isEqualTo(ids(new ScaleInSelector(new Random(7)).select(tasks, instances, List.of(), 4)));
    }

    // --- binpack ---

    @Test
    void binpackMemoryStopsTheTaskWhoseInstanceWouldHaveMostFreeMemoryAfterwards() {
        // i1: 512 free now, 512 + 256 = 768 after; i2: 1024 free now, 1280 after
        List<InstanceLoad> instances = List.of(load("i1", "a", 4096, 4096, 0, 3584), load("i2", "a", 4096, 4096, 0, 3072));
        List<RunningTask> tasks = List.of(task("t1", "i1", 10, 256), task("t2", "i2", 10, 256));

        assertThat(ids(selector.select(tasks, instances, List.of(BINPACK_MEMORY), 1))).containsExactly("t2");
    }

    @Test
    void binpackJudgesFreeMemoryAfterStoppingNotBefore() {
        // i1 has less free now (512) but its big task would leave 512 + 3072 = 3584 free; i2: 1024 + 256 = 1280
        List<InstanceLoad> instances = List.of(load("i1", "a", 4096, 4096, 0, 3584), load("i2", "a", 4096, 4096, 0, 3072));
        List<RunningTask> tasks = List.of(task("t1", "i1", 10, 3072), task("t2", "i2", 10, 256));

        assertThat(ids(selector.select(tasks, instances, List.of(BINPACK_MEMORY), 1))).containsExactly("t1");
    }

    @Test
    void binpackEmptiesTheEmptiestInstanceFirstAndKeepsTheFullOneFull() {
        // full: 3 tasks of 1024 on 4096, nothing else; sparse: 1 task of 1024 plus 1024 of others
        List<InstanceLoad> instances = List.of(load("full", "a", 4096, 4096, 0, 3072),
                load("sparse", "a", 4096, 4096, 0, 2048));
        List<RunningTask> tasks = List.of(task("f1", "full", 10, 1024), task("f2", "full", 10, 1024),
                task("f3", "full", 10, 1024), task("s1", "sparse", 10, 1024));

        List<RunningTask> chosen = selector.select(tasks, instances, List.of(BINPACK_MEMORY), 2);

        // sparse: 2048 + 1024 = 3072 > full: 1024 + 1024; then only full is left
        assertThat(instancesOf(chosen)).containsExactly("sparse", "full");
    }

    @Test
    void binpackSeesEarlierChoicesOfTheSameCall() {
        // i1 after one stop: 1000 + 500 = 1500; i2: 1200 + 100 = 1300. After stopping t1a,
        // i1 has 1500 free and its next task would leave 2000, which still beats i2.
        List<InstanceLoad> instances = List.of(load("i1", "a", 4096, 4096, 0, 3096),
                load("i2", "a", 4096, 4096, 0, 2896));
        List<RunningTask> tasks = List.of(task("t1a", "i1", 10, 500), task("t1b", "i1", 10, 500),
                task("t2", "i2", 10, 100));

        assertThat(instancesOf(selector.select(tasks, instances, List.of(BINPACK_MEMORY), 3)))
                .containsExactly("i1", "i1", "i2");
    }

    @Test
    void binpackCpuLooksAtCpuNotMemory() {
        // by CPU i1 is emptier (3100 + 100 free after); by memory i2 is (3100 + 100)
        List<InstanceLoad> instances = List.of(load("i1", "a", 4096, 4096, 996, 3996),
                load("i2", "a", 4096, 4096, 3996, 996));
        List<RunningTask> tasks = List.of(task("t1", "i1", 100, 100), task("t2", "i2", 100, 100));

        assertThat(ids(selector.select(tasks, instances, List.of(BINPACK_CPU), 1))).containsExactly("t1");
        assertThat(ids(selector.select(tasks, instances, List.of(BINPACK_MEMORY), 1))).containsExactly("t2");
    }

    @Test
    void binpackStopsTasksOnAnInstanceItDoesNotKnowFirst() {
        List<InstanceLoad> instances = List.of(load("i1", "a", 4096, 4096, 0, 100));
        List<RunningTask> tasks = List.of(task("t1", "i1", 10, 100), task("t2", "gone", 10, 100));

        assertThat(ids(selector.select(tasks, instances, List.of(BINPACK_MEMORY), 1))).containsExactly("t2");
    }

    @Test
    void binpackReadsUsageFromTheClusterState() {
        ClusterState state = new ClusterState();
        state.applyInstance(Fixtures.instance("i1", 4096, 4096, "a"));
        state.applyInstance(Fixtures.instance("i2", 4096, 4096, "a"));
        state.applyTask("other", TaskStatus.RUNNING, new Allocation("i1", 10, 3000, List.of(), "service:db"));
        state.applyTask("t1", TaskStatus.RUNNING, new Allocation("i1", 10, 500, List.of(), "service:web"));
        state.applyTask("t2", TaskStatus.RUNNING, new Allocation("i2", 10, 500, List.of(), "service:web"));
        List<RunningTask> tasks = List.of(task("t1", "i1", 10, 500), task("t2", "i2", 10, 500));

        assertThat(ids(selector.select(tasks, state, List.of(BINPACK_MEMORY), 1))).containsExactly("t2");
    }

    // --- spread ---

    @Test
    void spreadOnAnAttributeTakesFromTheGroupWithMostTasks() {
        List<InstanceLoad> instances = List.of(load("i1", "a"), load("i2", "b"), load("i3", "c"));
        List<RunningTask> tasks = List.of(task("a1", "i1"), task("b1", "i2"), task("b2", "i2"), task("b3", "i2"),
                task("c1", "i3"), task("c2", "i3"));

        List<RunningTask> chosen = selector.select(tasks, instances, List.of(SPREAD_AZ), 3);

        // b3 c2 a1 -> b -> b2 c2 -> tie -> ... ; after 3 stops the zones are 1/1/1
        assertThat(chosen.get(0).containerInstanceId()).isEqualTo("i2");
        assertThat(instancesOf(chosen)).containsExactlyInAnyOrder("i2", "i2", "i3");
    }

    @Test
    void spreadPicksAtRandomWithinTheGroup() {
        List<InstanceLoad> instances = List.of(load("i1", "a"), load("i2", "a"), load("i3", "b"));
        List<RunningTask> tasks = List.of(task("a1", "i1"), task("a2", "i1"), task("a3", "i2"), task("b1", "i3"));
        Set<String> seen = new HashSet<>();

        for (int seed = 0; seed < 50; seed++) {
            List<RunningTask> chosen = new ScaleInSelector(new Random(seed)).select(tasks, instances,
                    List.of(SPREAD_AZ), 1);
            assertThat(ids(chosen)).hasSize(1).first().isIn("a1", "a2", "a3");
            seen.add(chosen.get(0).taskId());
        }
        assertThat(seen).as("every task of the biggest zone gets picked for some seed")
                .containsExactlyInAnyOrder("a1", "a2", "a3");
    }

    @Test
    void spreadIsReproducibleForASeedWhateverTheOrderOfTheTasks() {
        List<InstanceLoad> instances = List.of(load("i1", "a"), load("i2", "b"));
        List<RunningTask> tasks = new ArrayList<>(List.of(task("t1", "i1"), task("t2", "i1"), task("t3", "i2"),
                task("t4", "i2"), task("t5", "i1")));
        List<String> first = ids(new ScaleInSelector(new Random(5)).select(tasks, instances, List.of(SPREAD_AZ), 4));
        Collections.reverse(tasks);

        assertThat(ids(new ScaleInSelector(new Random(5)).select(tasks, instances, List.of(SPREAD_AZ), 4)))
                .isEqualTo(first);
    }

    @Test
    void spreadOnInstanceIdTakesFromTheInstanceWithMostTasks() {
        List<InstanceLoad> instances = List.of(load("i1", "a"), load("i2", "a"));
        List<RunningTask> tasks = List.of(task("t1", "i1"), task("t2", "i2"), task("t3", "i2"), task("t4", "i2"));

        assertThat(instancesOf(selector.select(tasks, instances, List.of(SPREAD_INSTANCE), 2)))
                .containsExactly("i2", "i2");
    }

    @Test
    void spreadOnHostIsSpreadOnInstanceId() {
        List<InstanceLoad> instances = List.of(load("i1", "a"), load("i2", "a"));
        List<RunningTask> tasks = List.of(task("t1", "i1"), task("t2", "i2"), task("t3", "i2"));

        assertThat(instancesOf(selector.select(tasks, instances, List.of(new PlacementStrategy("spread", "host")), 1)))
                .containsExactly("i2");
    }

    @Test
    void spreadOnABareAttributeNameWorksLikeTheAttributePrefix() {
        List<InstanceLoad> instances = List.of(load("i1", "a"), load("i2", "b"));
        List<RunningTask> tasks = List.of(task("t1", "i1"), task("t2", "i2"), task("t3", "i2"));

        assertThat(instancesOf(selector.select(tasks, instances,
                List.of(new PlacementStrategy("spread", "ecs.availability-zone")), 1))).containsExactly("i2");
    }

    // --- chained strategies ---

    @Test
    void aLaterStrategyBreaksTheTiesOfAnEarlierOne() {
        // zones tie 2/2; within them binpack picks the task on the emptiest instance
        List<InstanceLoad> instances = List.of(load("i1", "a", 4096, 4096, 0, 3000), load("i2", "a", 4096, 4096, 0, 1000),
                load("i3", "b", 4096, 4096, 0, 2000), load("i4", "b", 4096, 4096, 0, 3500));
        List<RunningTask> tasks = List.of(task("t1", "i1"), task("t2", "i2"), task("t3", "i3"), task("t4", "i4"));

        assertThat(ids(selector.select(tasks, instances, List.of(SPREAD_AZ, BINPACK_MEMORY), 1)))
                .containsExactly("t2");
    }

    @Test
    void anEarlierStrategyWinsOverALaterOne() {
        // zone b has more tasks though zone a's instance is the emptiest: spread first means b
        List<InstanceLoad> instances = List.of(load("i1", "a", 4096, 4096, 0, 100),
                load("i2", "b", 4096, 4096, 0, 3000), load("i3", "b", 4096, 4096, 0, 3500));
        List<RunningTask> tasks = List.of(task("t1", "i1"), task("t2", "i2"), task("t3", "i3"));

        assertThat(instancesOf(selector.select(tasks, instances, List.of(SPREAD_AZ, BINPACK_MEMORY), 1)))
                .containsExactly("i2");
        assertThat(instancesOf(selector.select(tasks, instances, List.of(BINPACK_MEMORY, SPREAD_AZ), 1)))
                .containsExactly("i1");
    }

    @Test
    void spreadBreaksBinpackTies() {
        // both instances would have the same free memory; spread on instance picks the one with more tasks
        List<InstanceLoad> instances = List.of(load("i1", "a", 4096, 4096, 0, 2000), load("i2", "a", 4096, 4096, 0, 2000));
        List<RunningTask> tasks = List.of(task("t1", "i1", 10, 1000), task("t2", "i2", 10, 500),
                task("t3", "i2", 10, 500));

        // i1: 2096 + 1000 = 3096; i2: 2096 + 500 = 2596 -> i1 by binpack alone
        assertThat(ids(selector.select(tasks, instances, List.of(BINPACK_MEMORY, SPREAD_INSTANCE), 1)))
                .containsExactly("t1");
        List<RunningTask> equal = List.of(task("t1", "i1", 10, 500), task("t2", "i2", 10, 250),
                task("t3", "i2", 10, 250));
        List<InstanceLoad> sameFree = List.of(load("i1", "a", 4096, 4096, 0, 2000), load("i2", "a", 4096, 4096, 0, 1750));
        // i1: 2096 + 500 = 2596; i2: 2346 + 250 = 2596 -> tie, i2 has more tasks
        assertThat(instancesOf(selector.select(equal, sameFree, List.of(BINPACK_MEMORY, SPREAD_INSTANCE), 1)))
                .containsExactly("i2");
    }

    @Test
    void unknownStrategyTypesAreIgnored() {
        List<InstanceLoad> instances = List.of(load("i1", "a"), load("i2", "b"));
        List<RunningTask> tasks = List.of(task("t1", "i1"), task("t2", "i2"), task("t3", "i2"));

        assertThat(instancesOf(selector.select(tasks, instances,
                List.of(new PlacementStrategy("nonsense", "x"), SPREAD_AZ), 1))).containsExactly("i2");
    }

    @Test
    void randomStrategyChoosesAnyTaskReproduciblyForASeed() {
        List<InstanceLoad> instances = List.of(load("i1", "a"), load("i2", "b"));
        List<RunningTask> tasks = List.of(task("t1", "i1"), task("t2", "i2"), task("t3", "i2"));
        List<PlacementStrategy> random = List.of(new PlacementStrategy("random", null));

        List<RunningTask> chosen = new ScaleInSelector(new Random(1)).select(tasks, instances, random, 3);

        assertThat(chosen).containsExactlyInAnyOrderElementsOf(tasks);
        assertThat(new ScaleInSelector(new Random(1)).select(tasks, instances, random, 3)).isEqualTo(chosen);
    }

    // --- scale-in protection and counts ---

    @Test
    void protectedTasksAreNeverChosen() {
        List<InstanceLoad> instances = List.of(load("i1", "a"), load("i2", "b"));
        List<RunningTask> tasks = List.of(protectedTask("p1", "i1"), protectedTask("p2", "i1"),
                protectedTask("p3", "i1"), task("a1", "i1"), task("b1", "i2"), task("b2", "i2"));

        List<RunningTask> chosen = selector.select(tasks, instances, List.of(SPREAD_AZ), 10);

        assertThat(ids(chosen)).containsExactlyInAnyOrder("a1", "b1", "b2").doesNotContain("p1", "p2", "p3");
    }

    @Test
    void protectedTasksStillCountTowardTheirGroup() {
        // zone a holds 4 (3 protected), zone b 2: the one unprotected task in a goes first
        List<InstanceLoad> instances = List.of(load("i1", "a"), load("i2", "b"));
        List<RunningTask> tasks = List.of(protectedTask("p1", "i1"), protectedTask("p2", "i1"),
                protectedTask("p3", "i1"), task("a1", "i1"), task("b1", "i2"), task("b2", "i2"));

        List<RunningTask> chosen = selector.select(tasks, instances, List.of(SPREAD_AZ), 2);

        // then a still has the most (3) but nothing to stop there: b gives the next
        assertThat(ids(chosen).get(0)).isEqualTo("a1");
        assertThat(chosen.get(1).containerInstanceId()).isEqualTo("i2");
    }

    @Test
    void protectedTasksAreSkippedUnderBinpackToo() {
        List<InstanceLoad> instances = List.of(load("i1", "a", 4096, 4096, 0, 100), load("i2", "a", 4096, 4096, 0, 3000));
        List<RunningTask> tasks = List.of(protectedTask("p1", "i1"), task("t2", "i2"));

        assertThat(ids(selector.select(tasks, instances, List.of(BINPACK_MEMORY), 1))).containsExactly("t2");
    }

    @Test
    void fewerUnprotectedTasksThanAskedReturnsThemAll() {
        List<InstanceLoad> instances = List.of(load("i1", "a"));
        List<RunningTask> tasks = List.of(task("t1", "i1"), protectedTask("p1", "i1"), task("t2", "i1"));

        assertThat(ids(selector.select(tasks, instances, List.of(), 5))).containsExactlyInAnyOrder("t1", "t2");
    }

    @Test
    void allProtectedOrNothingAskedReturnsNothing() {
        List<InstanceLoad> instances = List.of(load("i1", "a"));

        assertThat(selector.select(List.of(protectedTask("p1", "i1")), instances, List.of(), 1)).isEmpty();
        assertThat(selector.select(List.of(task("t1", "i1")), instances, List.of(), 0)).isEmpty();
        assertThat(selector.select(List.of(), instances, List.of(), 3)).isEmpty();
    }

    @Test
    void aNegativeCountOrARepeatedTaskIdIsRefused() {
        List<InstanceLoad> instances = List.of(load("i1", "a"));

        assertThatThrownBy(() -> selector.select(List.of(task("t1", "i1")), instances, List.of(), -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("count");
        assertThatThrownBy(() -> selector.select(List.of(task("t1", "i1"), task("t1", "i1")), instances, List.of(), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("t1");
    }

    @Test
    void tasksOnInstancesWithoutTheAttributeFormAGroupOfTheirOwn() {
        InstanceState bare = new InstanceState("default", "i2", InstanceStatus.ACTIVE, true, null, "1.0",
                new InstanceResources(4096, 4096, List.of(), 50000, 50009), null, Instant.EPOCH);
        List<InstanceLoad> instances = List.of(load("i1", "a"), new InstanceLoad(bare, 0, 0));
        List<RunningTask> tasks = List.of(task("t1", "i1"), task("t2", "i2"), task("t3", "i2"));

        assertThat(instancesOf(selector.select(tasks, instances, List.of(SPREAD_AZ), 1))).containsExactly("i2");
    }
}
