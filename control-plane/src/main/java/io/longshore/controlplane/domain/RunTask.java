package io.longshore.controlplane.domain;

import io.longshore.common.messaging.TaskRequest.PlacementConstraint;
import io.longshore.common.messaging.TaskRequest.PlacementStrategy;
import io.longshore.common.model.CapacityProviderStrategyItem;
import java.util.List;

/**
 * ECS's RunTask request (the cluster comes from the path). With neither a capacity provider strategy
 * nor a launch type, the cluster's default strategy applies (if it has one).
 */
public record RunTask(
        String taskDefinition,
        Integer count,
        TaskOverride overrides,
        String startedBy,
        String group,
        List<PlacementConstraint> placementConstraints,
        List<PlacementStrategy> placementStrategy,
        List<CapacityProviderStrategyItem> capacityProviderStrategy,
        String launchType) {

    /** A request without a capacity provider strategy or launch type. */
    public RunTask(String taskDefinition, Integer count, TaskOverride overrides, String startedBy, String group,
                   List<PlacementConstraint> placementConstraints, List<PlacementStrategy> placementStrategy) {
        this(taskDefinition, count, overrides, startedBy, group, placementConstraints, placementStrategy, null, null);
    }
}
