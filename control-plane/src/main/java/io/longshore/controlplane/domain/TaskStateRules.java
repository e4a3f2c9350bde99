package io.longshore.controlplane.domain;

import io.longshore.common.model.TaskStatus;

/** The task state machine's one rule for reports: state only moves forward. */
public final class TaskStateRules {
    private TaskStateRules() {
    }

    /**
     * Whether a report may be applied to a task in {@code stored}: a later or equal status (equal
     * refreshes containers and times); an earlier one is a late or redelivered report.
     */
    public static boolean accepts(TaskStatus stored, TaskStatus reported) {
        return reported != null && !stored.isAfter(reported);
    }
}
