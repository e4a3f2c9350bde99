package io.longshore.agent.task;

import io.longshore.common.messaging.AgentCommand;
import io.longshore.common.messaging.TaskStateChange;
import io.longshore.common.model.ContainerDefinition;
import io.longshore.common.model.HealthStatus;
import io.longshore.common.model.StopCode;
import io.longshore.common.model.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A task this agent runs, as it knows it. Changed only on its task's lane (one thread at a time);
 * {@link #status} is read by other threads (heartbeats, the watcher), hence volatile.
 */
final class TaskRun {
    final AgentCommand.StartTask command;
    final List<ContainerRun> containers;
    volatile TaskStatus status = TaskStatus.PENDING;
    Instant startedAt;
    Instant stoppingAt;
    Instant stoppedAt;
    StopCode stopCode;
    String stoppedReason;

    private TaskRun(AgentCommand.StartTask command, List<ContainerRun> containers) {
        this.command = command;
        this.containers = containers;
    }

    static TaskRun of(AgentCommand.StartTask command) {
        List<ContainerRun> containers = command.task().containers().stream()
                .map(TaskRun::containerRun)
                .toList();
        return new TaskRun(command, containers);
    }

    String taskId() {
        return command.taskId();
    }

    ContainerRun container(String name) {
        return containers.stream()
                .filter(c -> c.name.equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("task " + taskId() + " has no container " + name));
    }

    /** The task's health from its containers' last check results (see {@link TaskHealth}). */
    HealthStatus health() {
        return TaskHealth.judge(containers.stream().map(ContainerRun::healthObservation).toList());
    }

    /**
     * A complete report of the task as it stands: every report carries the allocation, the task's
     * startedBy and its health; never the task spec (only the scheduler sends that).
     */
    TaskStateChange report(String reporter, Instant now) {
        return new TaskStateChange(command.task().cluster(), taskId(), status, command.allocation(),
                containers.stream().map(ContainerRun::toState).toList(),
                stopCode, stoppedReason, startedAt, stoppingAt, stoppedAt, now, reporter,
                command.task().startedBy(), health(), null);
    }

    private static ContainerRun containerRun(ContainerDefinition definition) {
        return new ContainerRun(definition.name(), definition.image(), definition.isEssential(),
                Duration.ofSeconds(ContainerPlanner.stopTimeoutSeconds(definition)),
                ContainerPlanner.hasHealthCheck(definition));
    }
}
