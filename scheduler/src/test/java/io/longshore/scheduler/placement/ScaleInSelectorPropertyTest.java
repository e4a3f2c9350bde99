package io.longshore.scheduler.placement;

import static org.assertj.core.api.Assertions.assertThat;

import io.longshore.common.messaging.TaskRequest.PlacementStrategy;
import io.longshore.common.model.Allocation;
import io.longshore.scheduler.Fixtures;
import io.longshore.scheduler.placement.ScaleInSelector.InstanceLoad;
import io.longshore.scheduler.placement.ScaleInSelector.RunningTask;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever the service's tasks, instances and strategies: protected tasks are never chosen, the
 * result has min(N, unprotected) distinct tasks, and spread on the AZ never leaves the zones more
 * unbalanced than max(1, how unbalanced they were) when every zone has enough to give.
 */
class ScaleInSelectorPropertyTest {
    private static final PlacementStrategy SPREAD_AZ = new PlacementStrategy("spread", "attribute:ecs.availability-zone");

    /** One task: the zone and instance (of two per zone) it runs on, how much memory it holds, and its protection. */
    record TaskGen(int zone, int instance, int memory, boolean protectedFromScaleIn) {
    }

    /** Tasks of one zone: how many are unprotected and how many protected. */
    record ZoneGen(int unprotectedTasks, int protectedTasks) {
    }

    private static final int ZONES = 3;

    private static List<InstanceLoad> instances(int zones) {
        List<InstanceLoad> instances = new ArrayList<>();
        for (int z = 0; z < zones; z++) {
            for (int i = 0; i < 2; i++) {
                // varied usage so that binpack has something to tell apart
                instances.add(new InstanceLoad(Fixtures.instance(id(z, i), 4096, 8192, "z" + z), 100 * i,
                        1000 * (z + i)));
            }
        }
        return instances;
    }

    private static String id(int zone, int instance) {
        return "z" + zone + "-i" + instance;
    }

    private static List<RunningTask> tasks(List<TaskGen> gens) {
        List<RunningTask> tasks = new ArrayList<>();
        for (int n = 0; n < gens.size(); n++) {
            TaskGen g = gens.get(n);
            String instance = id(g.zone(), g.instance());
            tasks.add(new RunningTask("t" + n, instance, new Allocation(instance, 10, g.memory(), List.of(), "web"),
                    g.protectedFromScaleIn()));
        }
        return tasks;
    }

    @Property(tries = 300)
    void protectedTasksAreNeverChosen(@ForAll("taskGens") List<TaskGen> gens,
                                      @ForAll("strategies") List<PlacementStrategy> strategies,
                                      @ForAll("counts") int count, @ForAll long seed) {
        List<RunningTask> chosen = new ScaleInSelector(new Random(seed)).select(tasks(gens), instances(ZONES),
                strategies, count);

        assertThat(chosen).noneMatch(RunningTask::protectedFromScaleIn);
    }

    @Property(tries = 300)
    void choosesMinOfCountAndUnprotectedDistinctTasksOfTheService(@ForAll("taskGens") List<TaskGen> gens,
                                                                 @ForAll("strategies") List<PlacementStrategy> strategies,
                                                                 @ForAll("counts") int count, @ForAll long seed) {
        List<RunningTask> tasks = tasks(gens);
        long unprotected = tasks.stream().filter(t -> !t.protectedFromScaleIn()).count();

        List<RunningTask> chosen = new ScaleInSelector(new Random(seed)).select(tasks, instances(ZONES), strategies,
                count);

        assertThat(chosen).hasSize((int) Math.min(count, unprotected)).doesNotHaveDuplicates();
        assertThat(tasks).containsAll(chosen);
    }

    /** Without protection, any count up to the service's size. */
    @Property(tries = 300)
    void spreadOnZoneKeepsZonesBalancedWithoutProtection(@ForAll("unprotectedZones") List<ZoneGen> zones,
                                                         @ForAll long seed) {
        int total = zones.stream().mapToInt(ZoneGen::unprotectedTasks).sum();
        int count = new Random(seed).nextInt(total + 1);
        assertSpreadKeepsBalance(zones, count, seed);
    }

    /** With protected tasks, any count that every zone could give alone. */
    @Property(tries = 300)
    void spreadOnZoneKeepsZonesBalancedWhenEveryZoneCanGiveEnough(@ForAll("zones") List<ZoneGen> zones,
                                                                  @ForAll long seed) {
        int enough = zones.stream().mapToInt(ZoneGen::unprotectedTasks).min().orElse(0);
        int count = new Random(seed).nextInt(enough + 1);
        assertSpreadKeepsBalance(zones, count, seed);
    }

    private static void assertSpreadKeepsBalance(List<ZoneGen> zones, int count, long seed) {
        List<RunningTask> tasks = new ArrayList<>();
        for (int z = 0; z < zones.size(); z++) {
            ZoneGen zone = zones.get(z);
            for (int n = 0; n < zone.unprotectedTasks() + zone.protectedTasks(); n++) {
                String instance = id(z, n % 2);
                tasks.add(new RunningTask("z" + z + "-t" + n, instance,
                        new Allocation(instance, 10, 100, List.of(), "web"), n >= zone.unprotectedTasks()));
            }
        }
        Collections.shuffle(tasks, new Random(seed));
        Map<String, Integer> before = perZone(tasks, zones.size());

        List<RunningTask> chosen = new ScaleInSelector(new Random(seed)).select(tasks, instances(zones.size()),
                List.of(SPREAD_AZ), count);

        List<RunningTask> left = new ArrayList<>(tasks);
        left.removeAll(chosen);
        Map<String, Integer> after = perZone(left, zones.size());
        assertThat(chosen).hasSize(count);
        assertThat(imbalance(after)).as("before %s, after %s", before, after)
                .isLessThanOrEqualTo(Math.max(1, imbalance(before)));
    }

    /** Tasks per zone, zones without tasks counted as 0. */
    private static Map<String, Integer> perZone(List<RunningTask> tasks, int zones) {
        Map<String, Integer> counts = new HashMap<>();
        for (int z = 0; z < zones; z++) {
            counts.put("z" + z, 0);
        }
        for (RunningTask task : tasks) {
            counts.merge(task.containerInstanceId().substring(0, task.containerInstanceId().indexOf('-')), 1,
                    Integer::sum);
        }
        return counts;
    }

    private static int imbalance(Map<String, Integer> counts) {
        return Collections.max(counts.values()) - Collections.min(counts.values());
    }

    @Provide
    Arbitrary<List<TaskGen>> taskGens() {
        return Combinators.combine(Arbitraries.integers().between(0, ZONES - 1), Arbitraries.integers().between(0, 1),
                        Arbitraries.integers().between(16, 1024), Arbitraries.of(true, false))
                .as(TaskGen::new).list().ofMaxSize(25);
    }

    @Provide
    Arbitrary<List<PlacementStrategy>> strategies() {
        return Arbitraries.of(
                new PlacementStrategy("binpack", "memory"),
                new PlacementStrategy("binpack", "cpu"),
                new PlacementStrategy("spread", "instanceId"),
                new PlacementStrategy("spread", "host"),
                SPREAD_AZ,
                new PlacementStrategy("random", null)).list().ofMaxSize(3);
    }

    @Provide
    Arbitrary<Integer> counts() {
        return Arbitraries.integers().between(0, 30);
    }

    @Provide
    Arbitrary<List<ZoneGen>> unprotectedZones() {
        return Arbitraries.integers().between(0, 8).map(n -> new ZoneGen(n, 0)).list().ofMinSize(1).ofMaxSize(4);
    }

    @Provide
    Arbitrary<List<ZoneGen>> zones() {
        return Combinators.combine(Arbitraries.integers().between(0, 8), Arbitraries.integers().between(0, 4))
                .as(ZoneGen::new).list().ofMinSize(1).ofMaxSize(4);
    }
}
