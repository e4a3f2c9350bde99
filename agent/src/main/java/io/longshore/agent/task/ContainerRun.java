package io.longshore.agent.task;

import io.longshore.common.model.ContainerState;
import io.longshore.common.model.HealthStatus;
import io.longshore.common.model.NetworkBinding;
import io.longshore.common.model.TaskStatus;
import java.time.Duration;
import java.util.List;

/** One container of a task this agent runs. Confined to its task's lane (see {@link TaskSupervisor}). */
final class ContainerRun {
    final String name;
    final String image;
    final boolean essential;
    final Duration stopTimeout;
    /** Whether a health check of the task definition runs in the container (its result is then reported). */
    final boolean healthChecked;
    volatile String runtimeId;
    List<NetworkBinding> networkBindings = List.of();
    volatile TaskStatus status = TaskStatus.PENDING;
    Integer exitCode;
    String reason;
    /** The check's last result (UNKNOWN until the engine has one); null without a check. Read by the watcher. */
    volatile HealthStatus health;

    ContainerRun(String name, String image, boolean essential, Duration stopTimeout, boolean healthChecked) {
        this.name = name;
        this.image = image;
        this.essential = essential;
        this.stopTimeout = stopTimeout;
        this.healthChecked = healthChecked;
        this.health = healthChecked ? HealthStatus.UNKNOWN : null;
    }

    /**
     * Takes the engine's word on the check's result; true when it changed. The engine says nothing
     * (null) for a check that has not run yet, or when the container has none of ours.
     */
    boolean observeHealth(HealthStatus observed) {
        if (!healthChecked) {
            return false;
        }
        HealthStatus next = observed == null ? HealthStatus.UNKNOWN : observed;
        boolean changed = next != health;
        health = next;
        return changed;
    }

    ContainerState toState() {
        return new ContainerState(name, image, runtimeId, status, exitCode, reason,
                status == TaskStatus.RUNNING ? networkBindings : List.of(), health);
    }

    TaskHealth.Observation healthObservation() {
        return new TaskHealth.Observation(name, essential, health);
    }
}
