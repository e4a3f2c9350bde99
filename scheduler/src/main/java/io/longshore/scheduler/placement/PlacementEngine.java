package io.longshore.scheduler.placement;

import io.longshore.common.messaging.InstanceState;
import io.longshore.common.messaging.TaskRequest.PlacementConstraint;
import io.longshore.common.messaging.TaskRequest.PlacementStrategy;
import io.longshore.common.model.Allocation;
import io.longshore.common.model.HostPort;
import io.longshore.common.model.PortMapping;
import io.longshore.common.model.TaskSpec;
import io.longshore.scheduler.state.ClusterState;
import io.longshore.scheduler.state.ClusterState.InstanceUsage;
import io.longshore.scheduler.state.InstanceSlots;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * Decides where tasks go, the way ECS does: filter the instances that can take the task (its
 * capacity provider's, CPU, memory, ports, constraints), then rank them by the placement
 * strategies, each later strategy breaking the ties of the earlier ones. A task with a capacity
 * provider goes only on that provider's instances; a task without one on any instance. Pure: it reads a {@link ClusterState} and returns
 * decisions; the caller commits them.
 *
 * <p>Tasks of one call are placed one after another against tentative usage, so a batch never
 * over-commits an instance.
 */
public final class PlacementEngine {
    public static final String NO_INSTANCES = "No Container Instances were found in your cluster";
    public static final String NO_PROVIDER_INSTANCES = "No Container Instances were found in your capacity provider";
    public static final String NO_ACTIVE_AGENT = "AGENT";
    public static final String RESOURCE_CPU = "RESOURCE:CPU";
    public static final String RESOURCE_MEMORY = "RESOURCE:MEMORY";
    public static final String RESOURCE_PORTS = "RESOURCE:PORTS";
    public static final String DISTINCT_INSTANCE = "DistinctInstance placement constraint unsatisfied";
    public static final String MEMBER_OF = MemberOfFilter.REASON;

    private final Random random;
    /** The feasible slots of the decision being made, reused: allocating it per call cost as much as deciding. */
    private final ThreadLocal<int[]> feasibleBuffer = ThreadLocal.withInitial(() -> new int[0]);

    public PlacementEngine(Random random) {
        this.random = random;
    }

    public List<PlacementResult> place(List<TaskSpec> tasks, List<PlacementConstraint> constraints,
                                       List<PlacementStrategy> strategies, ClusterState state) {
        List<PlacementConstraint> allConstraints = constraints == null ? List.of() : constraints;
        List<MemberOfFilter> memberOf = MemberOfFilter.of(allConstraints); // parsed once per call
        boolean distinct = false;
        for (PlacementConstraint constraint : allConstraints) {
            distinct |= "distinctInstance".equals(constraint.type());
        }
        Round round = new Round(state, distinct, memberOf, allConstraints, chain(strategies));
        List<PlacementResult> results = new ArrayList<>(tasks.size());
        for (int i = 0; i < tasks.size(); i++) {
            // the last decision of the call is not held: no later one reads it, so nothing is copied
            results.add(round.placeOne(tasks.get(i), i < tasks.size() - 1));
        }
        return results;
    }

    private int[] feasibleBuffer(int size) {
        int[] buffer = feasibleBuffer.get();
        if (buffer.length < size) {
            buffer = new int[size];
            feasibleBuffer.set(buffer);
        }
        return buffer;
    }

    /** The strategies, or, with none, what ECS does for services: fewest tasks of the group per AZ, then instance. */
    private static List<PlacementStrategy> chain(List<PlacementStrategy> strategies) {
        return strategies == null || strategies.isEmpty()
                ? List.of(new PlacementStrategy("spread", "attribute:ecs.availability-zone"),
                        new PlacementStrategy("spread", "instanceId"))
                : strategies;
    }

    /**
     * One call's decisions against one snapshot. Each decision is one pass over all instances that
     * filters them (remembering how far the best one got, for the failure reason) and sums what
     * spread needs, then one pass over the survivors that keeps the one with the least keys. The
     * state's columns are read in place; once this call places a task, it works on its own copies
     * of them and of the chosen instance's usage (copy-on-write), so a batch never over-commits and
     * the state is never touched.
     */
    private final class Round {
        private final InstanceSlots slots;
        private final boolean distinct;
        private final MemberOfFilter[] memberOf;
        private final boolean[][] memberOfMemo; // per memberOf: its answer per slot, when it reads the instance only
        private final List<String> memoKeys = new ArrayList<>();
        private final List<PlacementStrategy> chain;
        private final List<String> reasons;
        private final int allStages;
        private final int[] feasible;
        private int[] cpuLeft;
        private int[] memoryLeft;
        private long[] dynamicPortRoom;
        private InstanceUsage[] tentative; // by slot; null until this call places something
        private Map<String, int[]> tentativeGroupCounts; // by group; copies, once this call places one

        Round(ClusterState state, boolean distinct, List<MemberOfFilter> memberOf,
              List<PlacementConstraint> constraints, List<PlacementStrategy> chain) {
            this.slots = state.slots();
            this.distinct = distinct;
            this.memberOf = memberOf.toArray(MemberOfFilter[]::new);
            this.memberOfMemo = memos(constraints);
            this.chain = chain;
            List<String> stages = new ArrayList<>(List.of(NO_PROVIDER_INSTANCES, NO_ACTIVE_AGENT, RESOURCE_CPU,
                    RESOURCE_MEMORY, RESOURCE_PORTS));
            if (distinct) {
                stages.add(DISTINCT_INSTANCE);
            }
            memberOf.forEach(m -> stages.add(m.reason()));
            this.reasons = List.copyOf(stages);
            this.allStages = reasons.size();
            this.feasible = feasibleBuffer(slots.size());
            this.cpuLeft = slots.cpuLeftColumn();
            this.memoryLeft = slots.memoryLeftColumn();
            this.dynamicPortRoom = slots.dynamicPortRoomColumn();
        }

        /**
         * Per memberOf constraint, in {@link MemberOfFilter#of}'s order: its answer per slot when its
         * expression reads the instance only (worked out once per instance set), else null (asked per decision).
         */
        private boolean[][] memos(List<PlacementConstraint> constraints) {
            boolean[][] memos = new boolean[memberOf.length][];
            int j = 0;
            for (PlacementConstraint constraint : constraints) {
                if (!"memberOf".equals(constraint.type())) {
                    continue;
                }
                String key = "memberOf:" + constraint.expression();
                memoKeys.add(key);
                MemberOfFilter filter = memberOf[j];
                memos[j] = slots.memoOrNull(key);
                if (memos[j] == null && InstanceOnlyQuery.readsOnlyTheInstance(constraint.expression())) {
                    memos[j] = slots.memo(key, slot -> filter.accepts(slots.instance(slot), slots.usage(slot)));
                }
                j++;
            }
            return memos;
        }

        PlacementResult placeOne(TaskSpec task, boolean holdForNextTasks) {
            if (slots.size() == 0) {
                return PlacementResult.failed(task, NO_INSTANCES);
            }
            Demand demand = new Demand(task, groupCounts(task.group()));
            Ranker[] rankers = rankers(demand);
            int count = canFilterByColumns(demand) ? filterByColumns(demand) : filterByStages(demand);
            if (count == 0) {
                // ECS names the first filter that left no instance standing
                return PlacementResult.failed(task, reasons.get(furthestStage(demand)));
            }
            // spread balances tasks of the group over the feasible instances only
            for (Ranker ranker : rankers) {
                if (ranker.codes() != null) {
                    for (int k = 0; k < count; k++) {
                        int slot = feasible[k];
                        ranker.keys()[ranker.codes()[slot]] += demand.groupCounts[slot];
                    }
                }
            }
            drawRandomKeys(rankers, count);
            int best = select(rankers, count);
            List<HostPort> ports = assignPorts(demand.mappings, new Candidate(slots.instance(best), usage(best)))
                    .orElseThrow();
            Allocation allocation = new Allocation(slots.instance(best).containerInstanceId(), demand.cpu,
                    demand.memory, ports, demand.group);
            if (holdForNextTasks) {
                hold(best, allocation);
            }
            return PlacementResult.placed(task, allocation);
        }

        /**
         * Whether every filter can be read from columns: no static ports (whose exact assignment is
         * needed) and every memberOf answered per instance. Then one pass without branches decides.
         */
        private boolean canFilterByColumns(Demand demand) {
            if (demand.portCount > 0 && !demand.onlyDynamicPorts) {
                return false;
            }
            for (boolean[] memo : memberOfMemo) {
                if (memo == null) {
                    return false;
                }
            }
            return true;
        }

        /**
         * The feasible slots into {@code feasible}, their number returned. Only the candidates are
         * looked at: the instances that accept placements and satisfy every memberOf, a list kept
         * per instance set. Their tests are combined with non-short-circuit operators and the count
         * advanced arithmetically, so the pass has no data-dependent branches to mispredict. Room
         * for dynamic ports is a lower bound: if an instance failed only on it, exact assignment
         * decides instead ({@link #filterByStages}).
         */
        private int filterByColumns(Demand demand) {
            int[] candidates = candidates(demand.capacityProvider);
            int[] groupCounts = demand.groupCounts;
            int cpu = demand.cpu;
            int memory = demand.memory;
            long ports = demand.portCount;
            boolean distinctOff = !distinct;
            boolean roomUncertain = false;
            int count = 0;
            for (int slot : candidates) {
                boolean fits = cpuLeft[slot] >= cpu & memoryLeft[slot] >= memory
                        & (distinctOff | groupCounts[slot] == 0);
                boolean room = dynamicPortRoom[slot] >= ports;
                feasible[count] = slot;
                count += fits & room ? 1 : 0;
                roomUncertain |= fits & !room;
            }
            return roomUncertain ? filterByStages(demand) : count;
        }

        /** The slots of the provider (null: any) that accept placements and satisfy every memberOf, in slot order. */
        private int[] candidates(String provider) {
            String key = "candidates\u0000" + (provider == null ? "" : "provider:" + provider) + "\u0000"
                    + String.join("\u0000", memoKeys);
            return slots.slotsWhere(key, slot -> {
                if (!ofProvider(slot, provider) || !slots.acceptsPlacements(slot)) {
                    return false;
                }
                for (boolean[] memo : memberOfMemo) {
                    if (!memo[slot]) {
                        return false;
                    }
                }
                return true;
            });
        }

        /** The feasible slots into {@code feasible}, each instance taken through the stages in order. */
        private int filterByStages(Demand demand) {
            int count = 0;
            for (int slot = 0; slot < slots.size(); slot++) {
                if (stagesPassed(slot, demand) == allStages) {
                    feasible[count++] = slot;
                }
            }
            return count;
        }

        /** With no instance feasible: the most stages any instance passed, naming the filter that stopped it. */
        private int furthestStage(Demand demand) {
            int furthest = 0;
            for (int slot = 0; slot < slots.size(); slot++) {
                furthest = Math.max(furthest, stagesPassed(slot, demand));
            }
            return furthest;
        }

        /**
         * How many filter stages the instance passes, in ECS's order: of the task's capacity provider,
         * accepts placements, CPU, memory, ports, then the constraint filters. It passes them all when
         * this equals {@code allStages}.
         */
        private int stagesPassed(int slot, Demand demand) {
            if (!ofProvider(slot, demand.capacityProvider)) {
                return 0;
            }
            if (!slots.acceptsPlacements(slot)) {
                return 1;
            }
            if (cpuLeft[slot] < demand.cpu) {
                return 2;
            }
            if (memoryLeft[slot] < demand.memory) {
                return 3;
            }
            if (!portsFit(slot, demand)) {
                return 4;
            }
            int stage = 5;
            // --- constraint filters: distinctInstance, then each memberOf, in that order ---
            if (distinct) {
                if (demand.groupCounts[slot] != 0) {
                    return stage;
                }
                stage++;
            }
            for (int j = 0; j < memberOf.length; j++) {
                boolean accepted = memberOfMemo[j] != null ? memberOfMemo[j][slot]
                        : memberOf[j].accepts(slots.instance(slot), usage(slot));
                if (!accepted) {
                    return stage;
                }
                stage++;
            }
            return stage;
        }

        /** Whether the slot's instance belongs to the provider; any instance does for a task without one. */
        private boolean ofProvider(int slot, String provider) {
            return provider == null || provider.equals(slots.instance(slot).capacityProviderName());
        }

        /**
         * Whether the task's ports can be had here. Dynamic ports alone surely fit when there is room
         * for them (see {@link InstanceSlots#dynamicPortRoom}); only otherwise, or with static ports,
         * is the exact assignment worked out.
         */
        private boolean portsFit(int slot, Demand demand) {
            if (demand.portCount == 0) {
                return true;
            }
            if (demand.onlyDynamicPorts && dynamicPortRoom[slot] >= demand.portCount) {
                return true;
            }
            return assignPorts(demand.mappings, new Candidate(slots.instance(slot), usage(slot))).isPresent();
        }

        /** The usage to judge the slot by: this call's copy if it took a task here, else the live one. */
        private InstanceUsage usage(int slot) {
            InstanceUsage copy = tentative == null ? null : tentative[slot];
            return copy != null ? copy : slots.usage(slot);
        }

        private int[] groupCounts(String group) {
            int[] copy = tentativeGroupCounts == null ? null : tentativeGroupCounts.get(group);
            return copy != null ? copy : slots.groupCounts(group);
        }

        /** Holds the allocation in this call's copies: the first placement copies the columns it changes. */
        private void hold(int slot, Allocation allocation) {
            if (tentative == null) {
                tentative = new InstanceUsage[slots.size()];
                tentativeGroupCounts = new HashMap<>();
                cpuLeft = cpuLeft.clone();
                memoryLeft = memoryLeft.clone();
                dynamicPortRoom = dynamicPortRoom.clone();
            }
            if (tentative[slot] == null) {
                tentative[slot] = slots.usage(slot).copy();
            }
            InstanceUsage usage = tentative[slot];
            usage.add(allocation);
            cpuLeft[slot] -= allocation.cpu();
            memoryLeft[slot] -= allocation.memory();
            dynamicPortRoom[slot] = InstanceSlots.dynamicPortRoom(slots.instance(slot).resources(), usage);
            if (allocation.group() != null) { // as the usage counts: a task without a group is in none
                tentativeGroupCounts.computeIfAbsent(allocation.group(), g -> slots.groupCounts(g).clone())[slot]++;
            }
        }

        /**
         * One ranking key per strategy (a strategy of unknown type ranks all alike and is left out);
         * spread sums are filled in by the filtering pass, random draws after it.
         */
        private Ranker[] rankers(Demand demand) {
            List<Ranker> rankers = new ArrayList<>(chain.size());
            for (PlacementStrategy strategy : chain) {
                String field = strategy.field() == null ? "" : strategy.field();
                switch (strategy.type()) {
                    case "binpack" -> rankers.add(new Ranker("cpu".equalsIgnoreCase(field) ? cpuLeft : memoryLeft,
                            null, false));
                    case "random" -> rankers.add(new Ranker(new int[slots.size()], null, true));
                    case "spread" -> {
                        if (field.equalsIgnoreCase("instanceId") || field.equalsIgnoreCase("host")) {
                            rankers.add(new Ranker(demand.groupCounts, null, false));
                        } else {
                            String attribute = field.startsWith("attribute:")
                                    ? field.substring("attribute:".length()) : field;
                            InstanceSlots.AttributeColumn column = slots.attribute(attribute);
                            rankers.add(new Ranker(new int[column.values().size()], column.codes(), false));
                        }
                    }
                    default -> {
                    }
                }
            }
            return rankers.toArray(Ranker[]::new);
        }

        /** Random keys, drawn once per feasible instance in instance order (the draws a seeded test relies on). */
        private void drawRandomKeys(Ranker[] rankers, int count) {
            for (Ranker ranker : rankers) {
                if (ranker.random()) {
                    for (int k = 0; k < count; k++) {
                        ranker.keys()[feasible[k]] = random.nextInt();
                    }
                }
            }
        }

        /**
         * The feasible slot with the least keys, strategy by strategy, then the least instance id.
         * Strategy by strategy, {@code feasible} is narrowed to the slots with the least key: two
         * passes without data-dependent branches each, over fewer slots every time.
         */
        private int select(Ranker[] rankers, int count) {
            for (int s = 0; s < rankers.length && count > 1; s++) {
                count = keepLeast(rankers[s], count);
            }
            int best = feasible[0];
            for (int k = 1; k < count; k++) {
                if (slots.idRank(feasible[k]) < slots.idRank(best)) {
                    best = feasible[k];
                }
            }
            return best;
        }

        /** Keeps, at the front of {@code feasible}, the slots of the ranker's least key; returns how many. */
        private int keepLeast(Ranker ranker, int count) {
            int[] keys = ranker.keys();
            int[] codes = ranker.codes();
            int least = Integer.MAX_VALUE;
            int kept = 0;
            if (codes == null) {
                for (int k = 0; k < count; k++) {
                    least = Math.min(least, keys[feasible[k]]);
                }
                for (int k = 0; k < count; k++) {
                    int slot = feasible[k];
                    feasible[kept] = slot;
                    kept += keys[slot] == least ? 1 : 0;
                }
            } else {
                for (int k = 0; k < count; k++) {
                    least = Math.min(least, keys[codes[feasible[k]]]);
                }
                for (int k = 0; k < count; k++) {
                    int slot = feasible[k];
                    feasible[kept] = slot;
                    kept += keys[codes[slot]] == least ? 1 : 0;
                }
            }
            return kept;
        }
    }

    /** What one task asks for, worked out once per decision rather than per instance. */
    private static final class Demand {
        final List<PortMapping> mappings;
        final String group;
        final String capacityProvider; // null: any instance
        final int cpu;
        final int memory;
        final int portCount;
        final boolean onlyDynamicPorts;
        final int[] groupCounts; // tasks of the group per slot, this call's placements included

        Demand(TaskSpec task, int[] groupCounts) {
            this.mappings = task.portMappings();
            this.group = task.group();
            this.capacityProvider = task.capacityProviderName();
            this.cpu = task.requiredCpu();
            this.memory = task.requiredMemory();
            this.portCount = mappings.size();
            boolean dynamic = true;
            for (PortMapping mapping : mappings) {
                dynamic &= mapping.isDynamic();
            }
            this.onlyDynamicPorts = dynamic;
            this.groupCounts = groupCounts;
        }
    }

    /**
     * A strategy's key for a slot: {@code keys[slot]}, or with {@code codes} (spread on an attribute)
     * {@code keys[codes[slot]]}, the tasks of the group on the slot's attribute value.
     */
    private record Ranker(int[] keys, int[] codes, boolean random) {
    }

    /**
     * The host ports the task would get on this instance, in the order of its port mappings:
     * static ports if free, dynamic ones from the ephemeral range; empty if they cannot all be had.
     */
    static Optional<List<HostPort>> assignPorts(List<PortMapping> mappings, Candidate candidate) {
        if (mappings.isEmpty()) {
            return Optional.of(List.of());
        }
        Set<HostPort> taken = new HashSet<>(candidate.usage().ports());
        List<Integer> reserved = Objects.requireNonNullElse(candidate.instance().resources().reservedPorts(), List.of());
        List<HostPort> assigned = new ArrayList<>();
        for (PortMapping mapping : mappings) {
            if (mapping.isDynamic()) {
                continue;
            }
            HostPort port = new HostPort(mapping.hostPort(), mapping.protocolOrDefault());
            if (reserved.contains(port.port()) || !taken.add(port)) {
                return Optional.empty();
            }
        }
        int next = candidate.instance().resources().ephemeralPortFrom();
        int last = candidate.instance().resources().ephemeralPortTo();
        for (PortMapping mapping : mappings) {
            if (!mapping.isDynamic()) {
                assigned.add(new HostPort(mapping.hostPort(), mapping.protocolOrDefault()));
                continue;
            }
            HostPort port = null;
            for (; next <= last && port == null; next++) {
                HostPort tried = new HostPort(next, mapping.protocolOrDefault());
                if (!reserved.contains(next) && !taken.contains(tried)) {
                    port = tried;
                }
            }
            if (port == null) {
                return Optional.empty();
            }
            taken.add(port);
            assigned.add(port);
        }
        return Optional.of(assigned);
    }

    /** An instance that could take the task, with its usage including this round's tentative holdings. */
    record Candidate(InstanceState instance, InstanceUsage usage) {
        String id() {
            return instance.containerInstanceId();
        }

        int remainingCpu() {
            return instance.resources().cpu() - usage.cpu();
        }

        int remainingMemory() {
            return instance.resources().memory() - usage.memory();
        }

        String attribute(String name) {
            return instance.attributes() == null ? null : instance.attributes().get(name);
        }
    }
}
