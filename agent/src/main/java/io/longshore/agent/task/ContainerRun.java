package io.longshore.agent.task;

import io.longshore.common.model.ContainerState;
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
    volatile String runtimeId;
    List<NetworkBinding> networkBindings = List.of();
    volatile TaskStatus status = TaskStatus.PENDING;
    Integer exitCode;
    String reason;

    ContainerRun(String name, String image, boolean essential, Duration stopTimeout) {
        this.name = name;
        this.image = image;
        this.essential = essential;
        this.stopTimeout = stopTimeout;
    }

    ContainerState toState() {
        return new ContainerState(name, image, runtimeId, status, exitCode, reason,
                status == TaskStatus.RUNNING ? networkBindings : List.of());
    }
}
