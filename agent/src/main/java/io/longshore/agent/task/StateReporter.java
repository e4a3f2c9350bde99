package io.longshore.agent.task;

import io.longshore.common.messaging.TaskStateChange;

/** Where task state reports go (Kafka's {@code longshore.task-state} in the running agent). */
public interface StateReporter {

    /**
     * Publishes a report and returns once it is durably accepted; the supervisor relies on this to
     * delete its own record of a task only after the task's final report is safe.
     *
     * @throws RuntimeException when the report could not be delivered (the agent is shutting down)
     */
    void report(TaskStateChange change);
}
