package io.longshore.agent.task;

import io.longshore.common.model.TaskSpec;
import java.util.List;

/**
 * A task the agent runs, as the usage sampler needs it.
 *
 * @param task         the task as it was started (cluster, group, cpu and memory reservations)
 * @param containerIds the engine ids of its running containers
 */
public record RunningTask(TaskSpec task, List<String> containerIds) {
    public RunningTask {
        containerIds = List.copyOf(containerIds);
    }
}
