package io.longshore.loadtest.recording;

import io.longshore.common.model.Allocation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replays task-state reports in partition order and keeps what each instance holds: an
 * allocation is held from the task's first report that holds resources (PENDING on) until its
 * STOPPED. A redelivered report changes nothing, as in the system itself.
 */
public final class ClusterReplay {

    /** What one instance holds at a moment. */
    public static final class Holdings {
        private final Map<String, Allocation> tasks = new LinkedHashMap<>();
        private long cpu;
        private long memory;

        public long cpu() { return cpu; }
        public long memory() { return memory; }
        public int taskCount() { return tasks.size(); }
        public Map<String, Allocation> tasks() { return tasks; }

        /** How many held tasks are of this group, not counting {@code exceptTask}. */
        public int groupCount(String group, String exceptTask) {
            int n = 0;
            for (Map.Entry<String, Allocation> e : tasks.entrySet()) {
                if (!e.getKey().equals(exceptTask) && group != null && group.equals(e.getValue().group())) {
                    n++;
                }
            }
            return n;
        }

        public java.util.Set<String> groups() {
            java.util.Set<String> groups = new java.util.HashSet<>();
            tasks.values().forEach(a -> { if (a.group() != null) groups.add(a.group()); });
            return groups;
        }
    }

    /** Told of each placement (before it is held) and each change of what is held. */
    public interface Listener {
        /** A task's first allocation; {@code before} is the instance's holdings without it. */
        default void placed(TaskEvent event, Allocation allocation, Holdings before) {
        }

        /** After any event that changed what an instance holds. */
        default void changed(TaskEvent event, String instanceId, Holdings after) {
        }

        /** A task reported on an instance other than the one it first held (moved, or placed twice). */
        default void otherInstance(TaskEvent event, String firstInstance, String otherInstance) {
        }
    }

    private final Map<String, Holdings> byInstance = new HashMap<>();
    private final Map<String, Allocation> held = new HashMap<>();
    private final Map<String, String> placedOn = new HashMap<>();
    private final java.util.Set<String> stopped = new java.util.HashSet<>();

    public static ClusterReplay replay(List<TaskEvent> events, Listener listener) {
        ClusterReplay replay = new ClusterReplay();
        List<TaskEvent> ordered = new ArrayList<>(events);
        ordered.sort(java.util.Comparator.comparingLong(TaskEvent::offset));
        for (TaskEvent e : ordered) {
            replay.apply(e, listener);
        }
        return replay;
    }

    public Map<String, Holdings> holdings() {
        return byInstance;
    }

    public Holdings holdings(String instanceId) {
        return byInstance.computeIfAbsent(instanceId, id -> new Holdings());
    }

    private void apply(TaskEvent e, Listener listener) {
        var c = e.change();
        String taskId = c.taskId();
        Allocation a = c.allocation();
        if (a != null && a.containerInstanceId() != null) {
            String first = placedOn.get(taskId);
            if (first == null) {
                placedOn.put(taskId, a.containerInstanceId());
            } else if (!first.equals(a.containerInstanceId())) {
                listener.otherInstance(e, first, a.containerInstanceId());
            }
        }
        if (c.lastStatus() == null || stopped.contains(taskId)) {
            return; // a report after STOPPED holds nothing again
        }
        if (c.lastStatus().isStopped()) {
            stopped.add(taskId);
            Allocation was = held.remove(taskId);
            if (was != null) {
                Holdings h = holdings(was.containerInstanceId());
                h.tasks.remove(taskId);
                h.cpu -= was.cpu();
                h.memory -= was.memory();
                listener.changed(e, was.containerInstanceId(), h);
            }
            return;
        }
        if (c.lastStatus().holdsResources() && a != null && !held.containsKey(taskId)) {
            Holdings h = holdings(a.containerInstanceId());
            listener.placed(e, a, h);
            held.put(taskId, a);
            h.tasks.put(taskId, a);
            h.cpu += a.cpu();
            h.memory += a.memory();
            listener.changed(e, a.containerInstanceId(), h);
        }
    }
}
