package io.longshore.loadtest.recording;

import io.longshore.common.messaging.PlacementFailures;
import io.longshore.common.model.TaskStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One task's life as the recorded reports tell it: first seen, placed (first report with an
 * allocation), RUNNING, STOPPED, where, and why it stopped or could not be placed.
 */
public final class TaskTimeline {
    private final String taskId;
    private Instant firstSeen;
    private Instant placedAt;
    private String instanceId;
    private String group;
    private String startedBy;
    private Instant runningAt;
    private Instant stoppedAt;
    private String stoppedReason;
    private TaskStatus lastStatus;

    private TaskTimeline(String taskId) {
        this.taskId = taskId;
    }

    /** The timelines of all tasks in the reports, in the order they first appear. */
    public static Map<String, TaskTimeline> of(List<TaskEvent> events) {
        Map<String, TaskTimeline> timelines = new LinkedHashMap<>();
        for (TaskEvent e : events) {
            timelines.computeIfAbsent(e.change().taskId(), TaskTimeline::new).apply(e);
        }
        return timelines;
    }

    private void apply(TaskEvent e) {
        var c = e.change();
        if (firstSeen == null) {
            firstSeen = e.time();
        }
        if (startedBy == null) {
            startedBy = c.startedBy();
        }
        if (c.allocation() != null && c.lastStatus() != null && c.lastStatus().holdsResources() && placedAt == null) {
            placedAt = e.time();
            instanceId = c.allocation().containerInstanceId();
            group = c.allocation().group();
        }
        if (c.lastStatus() == TaskStatus.RUNNING && runningAt == null) {
            runningAt = c.startedAt() != null ? c.startedAt() : e.time();
        }
        if (c.lastStatus() == TaskStatus.STOPPED && stoppedAt == null) {
            stoppedAt = c.stoppedAt() != null ? c.stoppedAt() : e.time();
            stoppedReason = c.stoppedReason();
        }
        if (c.lastStatus() != null && (lastStatus == null || c.lastStatus().isAfter(lastStatus))) {
            lastStatus = c.lastStatus();
        }
    }

    public String taskId() { return taskId; }
    public Instant firstSeen() { return firstSeen; }
    public Optional<Instant> placedAt() { return Optional.ofNullable(placedAt); }
    public Optional<String> instanceId() { return Optional.ofNullable(instanceId); }
    public Optional<String> group() { return Optional.ofNullable(group); }
    public Optional<String> startedBy() { return Optional.ofNullable(startedBy); }
    public Optional<Instant> runningAt() { return Optional.ofNullable(runningAt); }
    public Optional<Instant> stoppedAt() { return Optional.ofNullable(stoppedAt); }
    public Optional<String> stoppedReason() { return Optional.ofNullable(stoppedReason); }
    public TaskStatus lastStatus() { return lastStatus; }

    /** Settled: RUNNING (or later) or STOPPED. */
    public boolean settled() {
        return lastStatus != null && (lastStatus == TaskStatus.STOPPED || !TaskStatus.RUNNING.isAfter(lastStatus));
    }

    /** Why the scheduler could not place it ({@code RESOURCE:MEMORY}, ...), if that is how it ended. */
    public Optional<String> unplacedReason() {
        return placedAt == null && stoppedReason != null ? PlacementFailures.reasonOf(stoppedReason) : Optional.empty();
    }

    public static List<TaskTimeline> unsettled(Collection<TaskTimeline> timelines) {
        List<TaskTimeline> out = new ArrayList<>();
        for (TaskTimeline t : timelines) {
            if (!t.settled()) {
                out.add(t);
            }
        }
        return out;
    }
}
