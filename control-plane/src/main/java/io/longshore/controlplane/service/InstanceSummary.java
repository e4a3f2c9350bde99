package io.longshore.controlplane.service;

import io.longshore.controlplane.domain.InstanceCapacity;
import io.longshore.controlplane.store.ContainerInstanceEntity;
import java.util.Set;

/**
 * A container instance with what it offers, what is left, how many tasks it runs, and the groups of
 * the tasks on it that are not stopped.
 */
public record InstanceSummary(ContainerInstanceEntity instance, InstanceCapacity registered,
                              InstanceCapacity remaining, long runningTasksCount, long pendingTasksCount,
                              Set<String> taskGroups) {
}
