package io.longshore.scheduler.state;

import io.longshore.common.messaging.InstanceState;
import io.longshore.common.model.Allocation;
import io.longshore.common.model.HostPort;
import io.longshore.common.model.TaskStatus;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The scheduler's view of one cluster: its container instances and what each task holds on them.
 * It is fed from the state topics and from the scheduler's own decisions; applying the same fact
 * twice, or an older fact after a newer one, changes nothing. Not thread-safe: one owner at a time.
 */
public final class ClusterState {
    private final Map<String, InstanceState> instances = new LinkedHashMap<>();
    private final Map<String, TrackedTask> tasks = new HashMap<>();
    private final Map<String, InstanceUsage> usage = new HashMap<>();
    private InstanceSlots slots; // built on demand for placement, dropped when instances change

    /** A task the scheduler knows of, with what it holds while it is not stopped. */
    public record TrackedTask(String taskId, TaskStatus status, Allocation allocation) {
    }

    public void applyInstance(InstanceState instance) {
        instances.put(instance.containerInstanceId(), instance);
        usage.computeIfAbsent(instance.containerInstanceId(), id -> new InstanceUsage());
        slots = null;
    }

    /** The instances numbered for the placement engine's single pass; rebuilt after an instance changes. */
    public InstanceSlots slots() {
        if (slots == null) {
            slots = new InstanceSlots(List.copyOf(instances.values()), usage);
        }
        return slots;
    }

    /**
     * Records a task's reported status. Returns false when the report is older than what is known
     * (a status before the known one), which leaves the state unchanged.
     */
    public boolean applyTask(String taskId, TaskStatus status, Allocation allocation) {
        TrackedTask known = tasks.get(taskId);
        if (known != null && known.status().isAfter(status)) {
            return false;
        }
        if (known != null && known.status() == TaskStatus.STOPPED) {
            return status == TaskStatus.STOPPED;
        }
        Allocation held = allocation != null ? allocation : known == null ? null : known.allocation();
        if (known != null && known.allocation() != null && known.status().holdsResources()) {
            release(known.allocation());
        }
        if (held != null && status.holdsResources()) {
            hold(held);
        }
        tasks.put(taskId, new TrackedTask(taskId, status, held));
        return true;
    }

    private void hold(Allocation allocation) {
        usageOf(allocation).hold(allocation);
        if (slots != null) {
            slots.usageChanged(allocation.containerInstanceId(), allocation.group(), 1);
        }
    }

    private void release(Allocation allocation) {
        usageOf(allocation).release(allocation);
        if (slots != null) {
            slots.usageChanged(allocation.containerInstanceId(), allocation.group(), -1);
        }
    }

    private InstanceUsage usageOf(Allocation allocation) {
        return usage.computeIfAbsent(allocation.containerInstanceId(), id -> new InstanceUsage());
    }

    public Optional<TrackedTask> task(String taskId) {
        return Optional.ofNullable(tasks.get(taskId));
    }

    public Collection<InstanceState> instances() {
        return instances.values();
    }

    public Optional<InstanceState> instance(String id) {
        return Optional.ofNullable(instances.get(id));
    }

    public InstanceUsage usage(String instanceId) {
        return usage.getOrDefault(instanceId, InstanceUsage.EMPTY);
    }

    /** What the tasks on one instance hold, kept up to date as tasks come and go. */
    public static final class InstanceUsage {
        static final InstanceUsage EMPTY = new InstanceUsage();
        private int cpu;
        private int memory;
        private final Set<HostPort> ports = new HashSet<>();
        private final Map<String, Integer> tasksByGroup = new HashMap<>();
        private int taskCount;

        void hold(Allocation a) {
            cpu += a.cpu();
            memory += a.memory();
            ports.addAll(a.hostPorts());
            taskCount++;
            if (a.group() != null) {
                tasksByGroup.merge(a.group(), 1, Integer::sum);
            }
        }

        void release(Allocation a) {
            cpu -= a.cpu();
            memory -= a.memory();
            a.hostPorts().forEach(ports::remove);
            taskCount--;
            if (a.group() != null) {
                tasksByGroup.computeIfPresent(a.group(), (g, n) -> n == 1 ? null : n - 1);
            }
        }

        public int cpu() {
            return cpu;
        }

        public int memory() {
            return memory;
        }

        public Set<HostPort> ports() {
            return ports;
        }

        public int taskCount() {
            return taskCount;
        }

        public int tasksOfGroup(String group) {
            return tasksByGroup.getOrDefault(group, 0);
        }

        /** The groups of the tasks held here (a live, unmodifiable view: for memberOf's task:group). */
        public Set<String> groups() {
            return java.util.Collections.unmodifiableSet(tasksByGroup.keySet());
        }

        /** A copy, so that a placement round can add tentative holdings without touching the view. */
        public InstanceUsage copy() {
            InstanceUsage copy = new InstanceUsage();
            copy.cpu = cpu;
            copy.memory = memory;
            copy.ports.addAll(ports);
            copy.tasksByGroup.putAll(tasksByGroup);
            copy.taskCount = taskCount;
            return copy;
        }

        public void add(Allocation a) {
            hold(a);
        }
    }
}
