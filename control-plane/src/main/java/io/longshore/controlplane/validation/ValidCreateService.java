package io.longshore.controlplane.validation;

import io.longshore.common.messaging.TaskRequest.PlacementConstraint;
import io.longshore.common.messaging.TaskRequest.PlacementStrategy;
import io.longshore.common.model.CapacityProviderStrategyItem;
import io.longshore.common.model.DeploymentConfiguration;
import io.longshore.controlplane.domain.TaskDefinitionReference;
import java.util.List;

/**
 * A CreateService request that passed the rules that need no lookup, with ECS's defaults applied:
 * REPLICA, the strategy's deployment configuration, no grace period. desiredCount is 0 for DAEMON.
 *
 * @param capacityProviderStrategy the request's (empty: none given)
 * @param launchType               the request's (null: none given; then the cluster's default strategy applies)
 */
public record ValidCreateService(
        String serviceName,
        TaskDefinitionReference taskDefinition,
        String schedulingStrategy,
        int desiredCount,
        List<PlacementConstraint> placementConstraints,
        List<PlacementStrategy> placementStrategy,
        DeploymentConfiguration deploymentConfiguration,
        int healthCheckGracePeriodSeconds,
        List<CapacityProviderStrategyItem> capacityProviderStrategy,
        String launchType) {
}
