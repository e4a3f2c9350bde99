package io.longshore.agent.task;

import io.longshore.common.messaging.AgentCommand;

/**
 * What the agent keeps on disk about a task it was told to run, so that a restarted agent can
 * finish what it started.
 *
 * @param start   the StartTask command (task spec and allocation), written before any container exists
 * @param started whether every container was started (false: the start was cut short and is redone)
 * @param stop    the StopTask command, once received, so that a stop cut short is finished on restart
 */
public record TaskRecord(int schemaVersion, AgentCommand.StartTask start, boolean started, AgentCommand.StopTask stop) {
    public static final int SCHEMA_VERSION = 1;

    public static TaskRecord of(AgentCommand.StartTask start) {
        return new TaskRecord(SCHEMA_VERSION, start, false, null);
    }

    public String taskId() {
        return start.taskId();
    }

    public TaskRecord withStarted() {
        return new TaskRecord(schemaVersion, start, true, stop);
    }

    public TaskRecord withStop(AgentCommand.StopTask stop) {
        return new TaskRecord(schemaVersion, start, started, stop);
    }
}
