package io.longshore.loadtest.recording;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Where a recording ends. The recorder keeps reading a moment after the run stops (to take in the
 * last reports of tasks already under way), so tasks that first appear after the end, such as a
 * service replacing a short-lived task, are left out rather than shown as unsettled.
 */
public final class RecordingWindow {
    private RecordingWindow() {
    }

    /** The events of tasks first reported at or before {@code end}, all of their reports kept. */
    public static List<TaskEvent> tasksStartedBy(List<TaskEvent> events, Instant end) {
        Set<String> seen = new HashSet<>();
        Set<String> late = new HashSet<>();
        List<TaskEvent> kept = new ArrayList<>(events.size());
        for (TaskEvent e : events) {
            String task = e.change().taskId();
            if (seen.add(task) && e.time().isAfter(end)) {
                late.add(task);
            }
            if (!late.contains(task)) {
                kept.add(e);
            }
        }
        return kept;
    }
}
