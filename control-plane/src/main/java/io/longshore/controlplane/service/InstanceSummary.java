package io.longshore.controlplane.service;

import io.longshore.controlplane.domain.InstanceCapacity;
import io.longshore.controlplane.store.ContainerInstanceEntity;

/** A container instance with what it offers, what is left, and how many tasks it runs. */
public record InstanceSummary(ContainerInstanceEntity instance, InstanceCapacity registered,
                              InstanceCapacity remaining, long runningTasksCount, long pendingTasksCount) {
}
