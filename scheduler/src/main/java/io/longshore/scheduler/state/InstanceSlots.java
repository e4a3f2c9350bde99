package io.longshore.scheduler.state;

import io.longshore.common.messaging.InstanceState;
import io.longshore.common.model.InstanceResources;
import io.longshore.scheduler.state.ClusterState.InstanceUsage;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * The cluster's instances numbered 0..n-1 (in registration order), with their live usage and
 * per-slot columns the placement engine reads in its single pass over all instances: whether the
 * instance takes placements, CPU and memory left, room for dynamic ports, the rank of its id,
 * attribute values as small integer codes and the task count of a group. The usage columns are
 * kept current as tasks come and go, so a placement decision reads arrays instead of following
 * references and hashing per instance. Owned by {@link ClusterState}, which drops it when an
 * instance is added or changed; not thread-safe, like the state.
 */
public final class InstanceSlots {
    private final InstanceState[] instances;
    private final InstanceUsage[] usage;
    private final boolean[] acceptsPlacements;
    private final int[] cpuLeft;
    private final int[] memoryLeft;
    private final long[] dynamicPortRoom;
    private final int[] idRank;
    private final Map<String, Integer> slotOf = new HashMap<>();
    private final Map<String, AttributeColumn> attributes = new HashMap<>();
    private final Map<String, int[]> groupCounts = new HashMap<>();
    private final Map<String, boolean[]> memos = new HashMap<>();
    private final Map<String, int[]> slotLists = new HashMap<>();

    /** One attribute over all slots: {@code codes[slot]} indexes {@code values}; a missing one is "null". */
    public record AttributeColumn(int[] codes, List<String> values) {
    }

    InstanceSlots(List<InstanceState> instances, Map<String, InstanceUsage> usage) {
        this.instances = instances.toArray(InstanceState[]::new);
        int n = this.instances.length;
        this.usage = new InstanceUsage[n];
        this.acceptsPlacements = new boolean[n];
        this.cpuLeft = new int[n];
        this.memoryLeft = new int[n];
        this.dynamicPortRoom = new long[n];
        this.idRank = new int[n];
        for (int i = 0; i < n; i++) {
            String id = this.instances[i].containerInstanceId();
            this.usage[i] = usage.get(id);
            this.acceptsPlacements[i] = this.instances[i].acceptsPlacements();
            slotOf.put(id, i);
            refresh(i);
        }
        Integer[] byId = new Integer[n];
        for (int i = 0; i < n; i++) {
            byId[i] = i;
        }
        Arrays.sort(byId, Comparator.comparing(i -> this.instances[i].containerInstanceId()));
        for (int rank = 0; rank < n; rank++) {
            idRank[byId[rank]] = rank;
        }
    }

    /** Re-reads the usage columns of one slot from its live usage. */
    private void refresh(int slot) {
        InstanceResources resources = instances[slot].resources();
        cpuLeft[slot] = resources.cpu() - usage[slot].cpu();
        memoryLeft[slot] = resources.memory() - usage[slot].memory();
        dynamicPortRoom[slot] = dynamicPortRoom(resources, usage[slot]);
    }

    /**
     * A lower bound of how many dynamic ports the instance can still hand out: its ephemeral range
     * less everything that could be in the way (reserved ports and ports held, of any protocol).
     */
    public static long dynamicPortRoom(InstanceResources resources, InstanceUsage usage) {
        List<Integer> reserved = resources.reservedPorts();
        long range = (long) resources.ephemeralPortTo() - resources.ephemeralPortFrom() + 1;
        return range - (reserved == null ? 0 : reserved.size()) - usage.ports().size();
    }

    public int size() {
        return instances.length;
    }

    public InstanceState instance(int slot) {
        return instances[slot];
    }

    /** The live usage of the slot's instance (updated in place by the state; never copy-free to mutate). */
    public InstanceUsage usage(int slot) {
        return usage[slot];
    }

    // The live columns, for a reader that copies them before changing anything (the engine's batch).

    public int[] cpuLeftColumn() {
        return cpuLeft;
    }

    public int[] memoryLeftColumn() {
        return memoryLeft;
    }

    public long[] dynamicPortRoomColumn() {
        return dynamicPortRoom;
    }

    /**
     * The answer per slot kept under this key, or null. Kept answers depend on the instances only,
     * never on their usage (such as a memberOf expression over attributes): worked out once, they
     * hold until the instances change, when the state drops these slots.
     */
    public boolean[] memoOrNull(String key) {
        return memos.get(key);
    }

    /** Worked out now if not yet known; see {@link #memoOrNull}. */
    public boolean[] memo(String key, IntPredicate answer) {
        return cached(memos, key, () -> {
            boolean[] memo = new boolean[instances.length];
            for (int i = 0; i < memo.length; i++) {
                memo[i] = answer.test(i);
            }
            return memo;
        });
    }

    /**
     * The slots for which the answer holds, in slot order, kept under this key like {@link #memo}'s
     * answers (so the answer may depend on the instances only, never on their usage).
     */
    public int[] slotsWhere(String key, IntPredicate answer) {
        return cached(slotLists, key, () -> IntStream.range(0, instances.length).filter(answer).toArray());
    }

    /** What the cache holds under the key, else worked out and kept; many one-off keys start it over. */
    private static <T> T cached(Map<String, T> cache, String key, Supplier<T> compute) {
        T value = cache.get(key);
        if (value == null) {
            if (cache.size() >= 256) {
                cache.clear(); // rather than grow without bound
            }
            value = compute.get();
            cache.put(key, value);
        }
        return value;
    }

    public boolean acceptsPlacements(int slot) {
        return acceptsPlacements[slot];
    }

    /** CPU units left on the slot's instance, as the state knows it. */
    public int cpuLeft(int slot) {
        return cpuLeft[slot];
    }

    /** Memory (MiB) left on the slot's instance, as the state knows it. */
    public int memoryLeft(int slot) {
        return memoryLeft[slot];
    }

    /** See {@link #dynamicPortRoom(InstanceResources, InstanceUsage)}. */
    public long dynamicPortRoom(int slot) {
        return dynamicPortRoom[slot];
    }

    /** The position of the slot's instance id in id order: comparing ranks compares ids. */
    public int idRank(int slot) {
        return idRank[slot];
    }

    /** The values of one attribute, coded per slot (as {@code String.valueOf}, so a missing one reads "null"). */
    public AttributeColumn attribute(String name) {
        return attributes.computeIfAbsent(name, n -> {
            Map<String, Integer> codeOf = new HashMap<>();
            int[] codes = new int[instances.length];
            for (int i = 0; i < instances.length; i++) {
                Map<String, String> attrs = instances[i].attributes();
                String value = String.valueOf(attrs == null ? null : attrs.get(n));
                codes[i] = codeOf.computeIfAbsent(value, v -> codeOf.size());
            }
            String[] values = new String[codeOf.size()];
            codeOf.forEach((v, c) -> values[c] = v);
            return new AttributeColumn(codes, List.of(values));
        });
    }

    /** How many tasks of the group each slot holds; the array is live, read it, never write it. */
    public int[] groupCounts(String group) {
        return groupCounts.computeIfAbsent(group, g -> {
            int[] counts = new int[instances.length];
            for (int i = 0; i < instances.length; i++) {
                counts[i] = usage[i].tasksOfGroup(g);
            }
            return counts;
        });
    }

    /** Keeps the columns current: a task of the group came (+1) or went (-1) on the instance. */
    void usageChanged(String instanceId, String group, int delta) {
        Integer slot = slotOf.get(instanceId);
        if (slot == null) {
            return; // not a registered instance: not placed on
        }
        refresh(slot);
        int[] counts = group == null ? null : groupCounts.get(group);
        if (counts != null) {
            counts[slot] += delta;
        }
    }
}
