package io.longshore.controlplane.validation;

import io.longshore.common.messaging.TaskRequest.PlacementConstraint;
import io.longshore.common.messaging.TaskRequest.PlacementStrategy;
import io.longshore.controlplane.domain.TaskDefinitionReference;
import io.longshore.controlplane.domain.TaskOverride;
import java.util.List;

/** A RunTask request that passed the rules that need no lookup; defaults applied. */
public record ValidRunTask(
        TaskDefinitionReference taskDefinition,
        int count,
        TaskOverride overrides,
        String startedBy,
        String group,
        List<PlacementConstraint> placementConstraints,
        List<PlacementStrategy> placementStrategy) {
}
