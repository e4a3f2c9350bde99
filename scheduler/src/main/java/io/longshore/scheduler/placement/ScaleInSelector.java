package io.longshore.scheduler.placement;

import io.longshore.common.messaging.InstanceState;
import io.longshore.common.messaging.TaskRequest.PlacementStrategy;
import io.longshore.common.model.Allocation;
import io.longshore.scheduler.state.ClusterState;
import io.longshore.scheduler.state.ClusterState.InstanceUsage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

/**
 * Chooses which tasks of a service to stop when it scales in, the way ECS does, by the service's
 * placement strategies read backwards:
 * <ul>
 *   <li>{@code binpack(cpu|memory)}: stop the task whose instance would have the most free CPU or
 *       memory after stopping it, so the emptiest instances empty first and the full ones stay full;</li>
 *   <li>{@code spread(field)}: stop a task from the attribute group (or, for {@code instanceId} and
 *       {@code host}, the instance) with the most tasks of the service, so the groups stay balanced;</li>
 *   <li>{@code random}: any task;</li>
 *   <li>no strategy: from the availability zone ({@code attribute:ecs.availability-zone}), then the
 *       instance, with the most tasks of the service (ECS's default for services).</li>
 * </ul>
 * Later strategies break the ties of earlier ones, as in placement; what is still tied after the
 * last is drawn at random from the injected {@link Random}. Tasks are chosen one after another,
 * each choice seeing the instances and groups as the earlier ones left them.
 *
 * <p>Tasks protected from scale-in are never chosen, but they still count toward their group's
 * size: they keep running, so the balance left behind includes them. Pure: nothing is changed.
 */
public final class ScaleInSelector {
    static final String AVAILABILITY_ZONE = "ecs.availability-zone";

    // ECS's default for services: the same chain the placement engine uses without strategies
    private static final List<PlacementStrategy> DEFAULT_CHAIN = List.of(
            new PlacementStrategy("spread", "attribute:" + AVAILABILITY_ZONE),
            new PlacementStrategy("spread", "instanceId"));

    private final Random random;

    public ScaleInSelector(Random random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * A running task of the service being scaled in.
     *
     * @param taskId               the task's id, unique among the tasks given
     * @param containerInstanceId  the instance it runs on
     * @param allocation           what it holds there (null: nothing known, counted as zero)
     * @param protectedFromScaleIn whether task scale-in protection is on, which exempts it
     */
    public record RunningTask(String taskId, String containerInstanceId, Allocation allocation,
                              boolean protectedFromScaleIn) {
        public RunningTask {
            Objects.requireNonNull(taskId, "taskId");
            Objects.requireNonNull(containerInstanceId, "containerInstanceId");
        }

        int cpu() {
            return allocation == null ? 0 : allocation.cpu();
        }

        int memory() {
            return allocation == null ? 0 : allocation.memory();
        }
    }

    /**
     * An instance as scale-in sees it: its attributes and resources, and what all its tasks (of
     * any service, the given ones included) hold now.
     */
    public record InstanceLoad(InstanceState instance, int usedCpu, int usedMemory) {
        public InstanceLoad {
            Objects.requireNonNull(instance, "instance");
        }

        /** Every instance of the scheduler's view, with its current usage. */
        public static List<InstanceLoad> of(ClusterState state) {
            List<InstanceLoad> loads = new ArrayList<>();
            for (InstanceState instance : state.instances()) {
                InstanceUsage usage = state.usage(instance.containerInstanceId());
                loads.add(new InstanceLoad(instance, usage.cpu(), usage.memory()));
            }
            return loads;
        }

        String id() {
            return instance.containerInstanceId();
        }

        String attribute(String name) {
            return instance.attributes() == null ? null : instance.attributes().get(name);
        }
    }

    /** As {@link #select(List, List, List, int)}, reading the instances and their usage from the scheduler's view. */
    public List<RunningTask> select(List<RunningTask> tasks, ClusterState state, List<PlacementStrategy> strategies,
                                    int count) {
        return select(tasks, InstanceLoad.of(state), strategies, count);
    }

    /**
     * The tasks to stop, in the order to stop them: {@code count} of them, or every unprotected
     * task when there are fewer.
     *
     * @param tasks      all running tasks of the service, protected ones included
     * @param instances  the instances, with their usage (tasks on an instance not listed are taken
     *                   as on an instance that has nothing to keep full, and no attributes)
     * @param strategies the service's placement strategies, in order; null or empty for ECS's default
     * @param count      how many tasks to stop, at least 0
     * @throws IllegalArgumentException if count is negative or a task id appears twice
     */
    public List<RunningTask> select(List<RunningTask> tasks, List<InstanceLoad> instances,
                                    List<PlacementStrategy> strategies, int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be 0 or more, was " + count);
        }
        Set<String> ids = new HashSet<>();
        for (RunningTask task : tasks) {
            if (!ids.add(task.taskId())) {
                throw new IllegalArgumentException("taskId " + task.taskId() + " appears more than once");
            }
        }
        Map<String, InstanceLoad> byId = new HashMap<>();
        for (InstanceLoad load : instances) {
            byId.put(load.id(), load);
        }
        List<PlacementStrategy> chain = strategies == null || strategies.isEmpty() ? DEFAULT_CHAIN : strategies;
        return new Round(tasks, byId, chain).choose(count);
    }

    /** One call's choices: mutable copies of free resources and group sizes, updated after each choice. */
    private final class Round {
        private final List<RunningTask> candidates;
        private final Ranker[] rankers;

        Round(List<RunningTask> tasks, Map<String, InstanceLoad> instances, List<PlacementStrategy> chain) {
            this.candidates = new ArrayList<>();
            for (RunningTask task : tasks) {
                if (!task.protectedFromScaleIn()) {
                    candidates.add(task);
                }
            }
            // a fixed order, so a seeded Random gives the same choices whatever order the tasks came in
            candidates.sort(Comparator.comparing(RunningTask::taskId));
            List<Ranker> list = new ArrayList<>();
            for (PlacementStrategy strategy : chain) {
                Ranker ranker = ranker(strategy, tasks, instances);
                if (ranker != null) {
                    list.add(ranker);
                }
            }
            this.rankers = list.toArray(Ranker[]::new);
        }

        List<RunningTask> choose(int count) {
            List<RunningTask> chosen = new ArrayList<>(Math.min(count, candidates.size()));
            while (chosen.size() < count && !candidates.isEmpty()) {
                RunningTask victim = candidates.remove(best());
                for (Ranker ranker : rankers) {
                    ranker.stopped(victim);
                }
                chosen.add(victim);
            }
            return chosen;
        }

        /** The index of the candidate with the greatest keys, strategy by strategy; ties drawn at random. */
        private int best() {
            long[] bestKeys = null;
            List<Integer> tied = new ArrayList<>();
            for (int i = 0; i < candidates.size(); i++) {
                long[] keys = new long[rankers.length];
                for (int s = 0; s < rankers.length; s++) {
                    keys[s] = rankers[s].key(candidates.get(i));
                }
                int order = bestKeys == null ? 1 : java.util.Arrays.compare(keys, bestKeys);
                if (order > 0) {
                    bestKeys = keys;
                    tied.clear();
                }
                if (order >= 0) {
                    tied.add(i);
                }
            }
            return tied.size() == 1 ? tied.get(0) : tied.get(random.nextInt(tied.size()));
        }
    }

    /** Unknown strategy types are ignored, as placement does. */
    private Ranker ranker(PlacementStrategy strategy, List<RunningTask> tasks, Map<String, InstanceLoad> instances) {
        String field = strategy.field() == null ? "" : strategy.field();
        return switch (String.valueOf(strategy.type())) {
            case "binpack" -> "cpu".equalsIgnoreCase(field)
                    ? new BinpackRanker(instances, InstanceLoad::usedCpu, l -> l.instance().resources().cpu(),
                            RunningTask::cpu)
                    : new BinpackRanker(instances, InstanceLoad::usedMemory, l -> l.instance().resources().memory(),
                            RunningTask::memory);
            case "spread" -> {
                if (field.equalsIgnoreCase("instanceId") || field.equalsIgnoreCase("host")) {
                    yield new SpreadRanker(tasks, RunningTask::containerInstanceId);
                }
                String attribute = field.startsWith("attribute:") ? field.substring("attribute:".length()) : field;
                yield new SpreadRanker(tasks, task -> {
                    InstanceLoad load = instances.get(task.containerInstanceId());
                    return load == null ? null : load.attribute(attribute); // no value: a group of its own
                });
            }
            case "random" -> new RandomRanker();
            default -> null;
        };
    }

    /** One strategy's view of a candidate: the greater its key, the sooner it is stopped. */
    private interface Ranker {
        long key(RunningTask task);

        /** Takes a chosen task into account for the next choice. */
        void stopped(RunningTask task);
    }

    /** Free resource of one kind on the task's instance once the task is gone. */
    private static final class BinpackRanker implements Ranker {
        private final Map<String, Long> free = new HashMap<>();
        private final Function<RunningTask, Integer> held;

        BinpackRanker(Map<String, InstanceLoad> instances, Function<InstanceLoad, Integer> used,
                      Function<InstanceLoad, Integer> capacity, Function<RunningTask, Integer> held) {
            instances.forEach((id, load) -> free.put(id, (long) capacity.apply(load) - used.apply(load)));
            this.held = held;
        }

        @Override
        public long key(RunningTask task) {
            Long left = free.get(task.containerInstanceId());
            // an instance we do not know of has nothing to keep full: stop its tasks first
            return left == null ? Long.MAX_VALUE : left + held.apply(task);
        }

        @Override
        public void stopped(RunningTask task) {
            free.computeIfPresent(task.containerInstanceId(), (id, left) -> left + held.apply(task));
        }
    }

    /** Tasks of the service in the task's group (protected ones included: they stay). */
    private static final class SpreadRanker implements Ranker {
        private final Map<String, Integer> sizes = new HashMap<>(); // null key: tasks without the attribute
        private final Function<RunningTask, String> groupOf;

        SpreadRanker(List<RunningTask> tasks, Function<RunningTask, String> groupOf) {
            this.groupOf = groupOf;
            for (RunningTask task : tasks) {
                sizes.merge(groupOf.apply(task), 1, Integer::sum);
            }
        }

        @Override
        public long key(RunningTask task) {
            return sizes.getOrDefault(groupOf.apply(task), 0);
        }

        @Override
        public void stopped(RunningTask task) {
            sizes.merge(groupOf.apply(task), -1, Integer::sum);
        }
    }

    /** A fresh draw per candidate per choice, in the candidates' fixed order. */
    private final class RandomRanker implements Ranker {
        @Override
        public long key(RunningTask task) {
            return random.nextInt();
        }

        @Override
        public void stopped(RunningTask task) {
        }
    }
}
