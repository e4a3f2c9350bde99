package io.longshore.controlplane.validation;

import io.longshore.common.messaging.TaskRequest.PlacementConstraint;
import io.longshore.common.messaging.TaskRequest.PlacementStrategy;
import io.longshore.common.model.CapacityProviderStrategyItem;
import io.longshore.common.model.DeploymentConfiguration;
import io.longshore.controlplane.domain.TaskDefinitionReference;
import java.util.List;

/**
 * An UpdateService request that passed the rules that need no lookup. Null members are not to be
 * changed; {@code deploymentConfiguration} holds only the members the request named.
 */
public record ValidServiceUpdate(
        TaskDefinitionReference taskDefinition,
        Integer desiredCount,
        boolean forceNewDeployment,
        List<PlacementConstraint> placementConstraints,
        List<PlacementStrategy> placementStrategy,
        DeploymentConfiguration deploymentConfiguration,
        Integer healthCheckGracePeriodSeconds,
        List<CapacityProviderStrategyItem> capacityProviderStrategy) {

    public ValidServiceUpdate(TaskDefinitionReference taskDefinition, Integer desiredCount, boolean forceNewDeployment,
                              List<PlacementConstraint> placementConstraints, List<PlacementStrategy> placementStrategy,
                              DeploymentConfiguration deploymentConfiguration, Integer healthCheckGracePeriodSeconds) {
        this(taskDefinition, desiredCount, forceNewDeployment, placementConstraints, placementStrategy,
                deploymentConfiguration, healthCheckGracePeriodSeconds, null);
    }
}
