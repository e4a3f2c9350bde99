package io.longshore.scheduler.service;

import io.longshore.common.messaging.AgentCommand;
import io.longshore.common.messaging.TaskStateChange;

/** Something the scheduler decided to tell the rest of the system. */
public sealed interface SchedulerAction {

    /** Report a task's new state on the task-state topic. */
    record ReportState(TaskStateChange change) implements SchedulerAction {
    }

    /** Order an agent to start or stop a task. */
    record SendCommand(AgentCommand command) implements SchedulerAction {
    }
}
