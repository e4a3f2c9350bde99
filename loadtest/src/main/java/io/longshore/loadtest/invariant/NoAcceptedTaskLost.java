package io.longshore.loadtest.invariant;

import io.longshore.loadtest.recording.AcceptedTask;
import io.longshore.loadtest.recording.Recording;
import io.longshore.loadtest.recording.TaskTimeline;
import java.util.Map;

/**
 * No accepted task is lost: every task a RunTask answer accepted ends RUNNING or STOPPED in the
 * reports. A task the reports leave unplaced counts as lost unless the API, asked at the end,
 * shows it waiting with a reason; one placed but never reported running or stopped is lost.
 */
public final class NoAcceptedTaskLost implements Invariant {
    public static final String NAME = "noAcceptedTaskLost";

    @Override
    public InvariantResult check(Recording recording) {
        Map<String, TaskTimeline> timelines = TaskTimeline.of(recording.taskEvents());
        var result = new InvariantResult.Builder(NAME, "every accepted task ended RUNNING or STOPPED (or waits with a reason)");
        for (AcceptedTask accepted : recording.accepted()) {
            result.checked();
            TaskTimeline t = timelines.get(accepted.taskId());
            if (t != null && t.settled()) {
                continue;
            }
            String waiting = recording.waitingAtEnd().get(accepted.taskId());
            boolean placed = t != null && t.placedAt().isPresent();
            if (!placed && waiting != null) {
                continue;
            }
            if (t == null) {
                result.violation("task " + accepted.taskId() + " (" + accepted.phase() + ") accepted at "
                        + accepted.acceptedAt() + " but never reported");
            } else if (!placed) {
                result.violation("task " + accepted.taskId() + " (" + accepted.phase() + ") last " + t.lastStatus()
                        + ", never placed, and the API shows no reason it waits");
            } else {
                result.violation("task " + accepted.taskId() + " (" + accepted.phase() + ") placed on "
                        + t.instanceId().orElse("?") + " but last " + t.lastStatus() + ", never RUNNING or STOPPED");
            }
        }
        return result.build();
    }
}
