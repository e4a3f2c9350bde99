package io.longshore.controlplane.domain;

import io.longshore.common.messaging.TaskRequest.PlacementConstraint;
import io.longshore.common.messaging.TaskRequest.PlacementStrategy;
import java.util.List;

/** ECS's RunTask request (the cluster comes from the path). */
public record RunTask(
        String taskDefinition,
        Integer count,
        TaskOverride overrides,
        String startedBy,
        String group,
        List<PlacementConstraint> placementConstraints,
        List<PlacementStrategy> placementStrategy) {
}
