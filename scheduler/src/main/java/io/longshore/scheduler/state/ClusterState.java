package io.longshore.scheduler.state;

import io.longshore.common.messaging.InstanceState;
import io.longshore.common.model.Allocation;
import io.longshore.common.messaging.TaskStateChange;
import io.longshore.common.model.HealthStatus;
import io.longshore.common.model.HostPort;
import io.longshore.common.model.StopCode;
import io.longshore.common.model.TaskSpec;
import io.longshore.common.model.TaskStatus;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The scheduler's view of one cluster: its container instances, what each task holds on them, and
 * the tasks waiting in PROVISIONING for room on their capacity provider's instances. It is fed from
 * the state topics and from the scheduler's own decisions; applying the same fact twice, or an older
 * fact after a newer one, changes nothing. Not thread-safe: one owner at a time.
 */
public final class ClusterState {
    private final Map<String, InstanceState> instances = new LinkedHashMap<>();
    private final Map<String, TrackedTask> tasks = new HashMap<>();
    // task ids by group and by instance, so a service or a host is judged without reading every task
    private final Map<String, Set<String>> taskIdsByGroup = new HashMap<>();
    private final Map<String, Set<String>> taskIdsByInstance = new HashMap<>();
    private final Map<String, InstanceUsage> usage = new HashMap<>();
    private InstanceSlots slots; // built on demand for placement, dropped when instances change

    private final Map<String, Instant> disconnectedSince = new HashMap<>();
    private final Map<String, WaitingTask> waiting = new HashMap<>();

    /**
     * A task waiting in PROVISIONING: its whole spec (with the constraints and strategy it is to be
     * placed under) and since when it waits.
     */
    public record WaitingTask(TaskSpec spec, Instant since) {
    }

    /**
     * A task the scheduler knows of, with what it holds while it is not stopped and what services
     * need to judge it: its deployment (startedBy), health, and when it started and stopped.
     */
    public record TrackedTask(String taskId, TaskStatus status, Allocation allocation, String startedBy,
                              HealthStatus healthStatus, Instant startedAt, Instant stoppedAt, StopCode stopCode,
                              String stoppedReason) {
        public TrackedTask(String taskId, TaskStatus status, Allocation allocation) {
            this(taskId, status, allocation, null, null, null, null, null, null);
        }

        /** The task group it counts toward (a service's tasks: {@code service:<name>}), or null. */
        public String group() {
            return allocation == null ? null : allocation.group();
        }

        public String containerInstanceId() {
            return allocation == null ? null : allocation.containerInstanceId();
        }
    }

    /** An instance as the control plane published it; with the agent disconnected, since when it was seen so. */
    public void applyInstance(InstanceState instance, Instant observedAt) {
        String id = instance.containerInstanceId();
        instances.put(id, instance);
        usage.computeIfAbsent(id, i -> new InstanceUsage());
        if (instance.agentConnected()) {
            disconnectedSince.remove(id);
        } else {
            disconnectedSince.putIfAbsent(id, observedAt);
        }
        slots = null;
    }

    /** For tests of placement: a disconnected instance counts as disconnected since the epoch. */
    public void applyInstance(InstanceState instance) {
        applyInstance(instance, Instant.EPOCH);
    }

    /** When the scheduler first saw this instance's agent disconnected; empty while it is connected. */
    public Optional<Instant> disconnectedSince(String instanceId) {
        return Optional.ofNullable(disconnectedSince.get(instanceId));
    }

    /** The instances numbered for the placement engine's single pass; rebuilt after an instance changes. */
    public InstanceSlots slots() {
        if (slots == null) {
            slots = new InstanceSlots(List.copyOf(instances.values()), usage);
        }
        return slots;
    }

    /**
     * Records a whole report (see {@link #applyTask(TrackedTask)}). A PROVISIONING report that
     * carries the task's spec makes the task wait for room (see {@link #waitingTasks()}).
     */
    public boolean applyReport(TaskStateChange report) {
        boolean applied = applyTask(new TrackedTask(report.taskId(), report.lastStatus(), report.allocation(),
                report.startedBy(), report.healthStatus(), report.startedAt(), report.stoppedAt(), report.stopCode(),
                report.stoppedReason()));
        if (applied && report.lastStatus() == TaskStatus.PROVISIONING && report.task() != null) {
            // the first report says since when it waits; a redelivered one changes nothing
            waiting.putIfAbsent(report.taskId(), new WaitingTask(report.task(), report.reportedAt()));
            // a service's waiting task counts toward its group before it holds anything anywhere
            index(taskIdsByGroup, report.task().group(), report.taskId());
        }
        return applied;
    }

    /** Records a status with nothing else new (see {@link #applyTask(TrackedTask)}). */
    public boolean applyTask(String taskId, TaskStatus status, Allocation allocation) {
        return applyTask(new TrackedTask(taskId, status, allocation));
    }

    /**
     * Records a task's reported state; fields the report leaves null keep what was known. Returns
     * false when the report is older than what is known (a status before the known one, or
     * anything after STOPPED), which leaves the state unchanged.
     */
    public boolean applyTask(TrackedTask report) {
        String taskId = report.taskId();
        TaskStatus status = report.status();
        Allocation allocation = report.allocation();
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
        tasks.put(taskId, known == null ? withAllocation(report, held) : merge(known, report, held));
        if (status != TaskStatus.PROVISIONING) {
            waiting.remove(taskId); // placed or stopped: it waits no more
        }
        if (held != null) {
            index(taskIdsByInstance, held.containerInstanceId(), taskId);
            index(taskIdsByGroup, held.group(), taskId);
        }
        return true;
    }

    private static void index(Map<String, Set<String>> index, String key, String taskId) {
        if (key != null) {
            index.computeIfAbsent(key, k -> new HashSet<>()).add(taskId);
        }
    }

    private static TrackedTask withAllocation(TrackedTask t, Allocation held) {
        return new TrackedTask(t.taskId(), t.status(), held, t.startedBy(), t.healthStatus(), t.startedAt(),
                t.stoppedAt(), t.stopCode(), t.stoppedReason());
    }

    private static TrackedTask merge(TrackedTask known, TrackedTask report, Allocation held) {
        return new TrackedTask(report.taskId(), report.status(), held,
                orElse(report.startedBy(), known.startedBy()), orElse(report.healthStatus(), known.healthStatus()),
                orElse(report.startedAt(), known.startedAt()), orElse(report.stoppedAt(), known.stoppedAt()),
                orElse(report.stopCode(), known.stopCode()), orElse(report.stoppedReason(), known.stoppedReason()));
    }

    private static <T> T orElse(T value, T fallback) {
        return value != null ? value : fallback;
    }

    /**
     * The applier's re-check of a decision against the view as it is now: empty when the instance
     * accepts placements and has the CPU, memory and host ports free, else what no longer fits.
     * Decisions are taken on a snapshot; only what passes this check is recorded.
     */
    public Optional<String> conflict(Allocation allocation) {
        InstanceState instance = instances.get(allocation.containerInstanceId());
        if (instance == null || !instance.acceptsPlacements()) {
            return Optional.of("AGENT");
        }
        InstanceUsage used = usage(allocation.containerInstanceId());
        if (used.cpu() + allocation.cpu() > instance.resources().cpu()) {
            return Optional.of("RESOURCE:CPU");
        }
        if (used.memory() + allocation.memory() > instance.resources().memory()) {
            return Optional.of("RESOURCE:MEMORY");
        }
        if (allocation.hostPorts().stream().anyMatch(used.ports()::contains)) {
            return Optional.of("RESOURCE:PORTS");
        }
        return Optional.empty();
    }

    /** The tasks waiting in PROVISIONING, oldest first (then by task id). */
    public List<WaitingTask> waitingTasks() {
        return waiting.values().stream()
                .sorted(Comparator.comparing(WaitingTask::since, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(w -> w.spec().taskId()))
                .toList();
    }

    public Optional<WaitingTask> waiting(String taskId) {
        return Optional.ofNullable(waiting.get(taskId));
    }

    /**
     * The capacity provider a task runs on or waits for: a waiting task's from its spec, a placed
     * one's from its instance (a task with a provider is placed only on that provider's instances).
     */
    public String capacityProviderOf(TrackedTask task) {
        WaitingTask w = waiting.get(task.taskId());
        if (w != null) {
            return w.spec().capacityProviderName();
        }
        InstanceState instance = task.containerInstanceId() == null ? null : instances.get(task.containerInstanceId());
        return instance == null ? null : instance.capacityProviderName();
    }

    /** Every task known, stopped ones included (a service's failure count and backoff read those). */
    public Collection<TrackedTask> tasks() {
        return tasks.values();
    }

    /** The tasks of a group (a service's: {@code service:<name>}), stopped ones included, in task id order. */
    public List<TrackedTask> tasksOfGroup(String group) {
        return indexed(taskIdsByGroup, group);
    }

    /** The tasks ever placed on an instance (a task moved since is listed too), stopped ones included, in task id order. */
    public List<TrackedTask> tasksOnInstance(String instanceId) {
        return indexed(taskIdsByInstance, instanceId);
    }

    /**
     * The tasks on an instance that are not STOPPED, in task id order: what a lost host strands.
     * Filtered before sorting, since a lost host's tasks are swept once and checked every round.
     */
    public List<TrackedTask> unstoppedTasksOnInstance(String instanceId) {
        return taskIdsByInstance.getOrDefault(instanceId, Set.of()).stream().map(tasks::get)
                .filter(t -> t.status() != TaskStatus.STOPPED && instanceId.equals(t.containerInstanceId()))
                .sorted(Comparator.comparing(TrackedTask::taskId))
                .toList();
    }

    private List<TrackedTask> indexed(Map<String, Set<String>> index, String key) {
        return index.getOrDefault(key, Set.of()).stream().sorted().map(tasks::get).toList();
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
