package io.longshore.controlplane.service;

import io.longshore.controlplane.store.ClusterEntity;
import java.util.Map;
import java.util.Set;

/** A cluster with ECS's counts. Pending: tasks not yet RUNNING (PROVISIONING, PENDING, ACTIVATING). */
public record ClusterSummary(ClusterEntity cluster, long registeredContainerInstancesCount, long runningTasksCount,
                             long pendingTasksCount) {
    static final Set<String> PENDING = Set.of("PROVISIONING", "PENDING", "ACTIVATING");

    static ClusterSummary of(ClusterEntity cluster, long instances, Map<String, Long> tasksByStatus) {
        long running = tasksByStatus.getOrDefault("RUNNING", 0L);
        long pending = tasksByStatus.entrySet().stream()
                .filter(e -> PENDING.contains(e.getKey())).mapToLong(Map.Entry::getValue).sum();
        return new ClusterSummary(cluster, instances, running, pending);
    }
}
