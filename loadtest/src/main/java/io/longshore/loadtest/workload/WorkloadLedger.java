package io.longshore.loadtest.workload;

import io.longshore.common.messaging.TaskRequest.PlacementConstraint;
import io.longshore.loadtest.recording.AcceptedTask;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** What the workload sent and what the API answered, collected from many threads. */
public final class WorkloadLedger {
    // up to a hundred thousand appends: a synchronized list, not a copy-on-write one
    private final List<AcceptedTask> accepted = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
    private final Map<String, List<PlacementConstraint>> constraintsByGroup = new ConcurrentHashMap<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong eventsAccepted = new AtomicLong();
    private final List<String> errors = new CopyOnWriteArrayList<>();

    public void sent() {
        sent.incrementAndGet();
    }

    public void accepted(AcceptedTask task) {
        accepted.add(task);
    }

    /** A RunTask failures[] entry, or a failed call (by its HTTP status), counted by reason. */
    public void failure(String reason) {
        failures.computeIfAbsent(reason, r -> new AtomicLong()).incrementAndGet();
    }

    /** A call that did not succeed; the first few errors are kept for the log. */
    public void failedCall(String what, String error) {
        failed.incrementAndGet();
        failure(what + " " + error.replaceAll(":.*", ""));
        if (errors.size() < 20) {
            errors.add(what + ": " + error);
        }
    }

    public void eventsAccepted(int n) {
        eventsAccepted.addAndGet(n);
    }

    public void constraintsForGroup(String group, List<PlacementConstraint> constraints) {
        if (group != null && !constraints.isEmpty()) {
            constraintsByGroup.put(group, List.copyOf(constraints));
        }
    }

    public List<AcceptedTask> accepted() {
        synchronized (accepted) {
            return new ArrayList<>(accepted);
        }
    }

    public long acceptedCount() {
        return accepted.size();
    }

    public Map<String, Long> failures() {
        Map<String, Long> out = new TreeMap<>();
        failures.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    public Map<String, List<PlacementConstraint>> constraintsByGroup() {
        return Map.copyOf(constraintsByGroup);
    }

    public long sentCount() { return sent.get(); }
    public long failedCount() { return failed.get(); }
    public long eventsAcceptedCount() { return eventsAccepted.get(); }
    public List<String> errors() { return List.copyOf(errors); }
}
