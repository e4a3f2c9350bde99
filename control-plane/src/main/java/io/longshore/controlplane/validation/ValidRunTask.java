package io.longshore.controlplane.validation;

import io.longshore.common.messaging.TaskRequest.PlacementConstraint;
import io.longshore.common.messaging.TaskRequest.PlacementStrategy;
import io.longshore.common.model.CapacityProviderStrategyItem;
import io.longshore.controlplane.domain.TaskDefinitionReference;
import io.longshore.controlplane.domain.TaskOverride;
import java.util.List;

/**
 * A RunTask request that passed the rules that need no lookup; defaults applied.
 *
 * @param capacityProviderStrategy the request's (empty: none given)
 * @param launchType               the request's (null: none given; then the cluster's default strategy applies)
 */
public record ValidRunTask(
        TaskDefinitionReference taskDefinition,
        int count,
        TaskOverride overrides,
        String startedBy,
        String group,
        List<PlacementConstraint> placementConstraints,
        List<PlacementStrategy> placementStrategy,
        List<CapacityProviderStrategyItem> capacityProviderStrategy,
        String launchType) {

    public ValidRunTask(TaskDefinitionReference taskDefinition, int count, TaskOverride overrides, String startedBy,
                        String group, List<PlacementConstraint> placementConstraints,
                        List<PlacementStrategy> placementStrategy) {
        this(taskDefinition, count, overrides, startedBy, group, placementConstraints, placementStrategy, List.of(),
                null);
    }
}
