package io.longshore.controlplane.domain;

import io.longshore.common.messaging.TaskRequest.PlacementConstraint;
import io.longshore.common.messaging.TaskRequest.PlacementStrategy;
import io.longshore.common.model.CapacityProviderStrategyItem;
import io.longshore.common.model.DeploymentConfiguration;
import java.util.List;

/**
 * ECS's UpdateService request (cluster and service come from the path). Every member is optional;
 * an absent one leaves the service as it is. An empty {@code placementConstraints} or
 * {@code placementStrategy} removes them all, as in ECS; a partial {@code deploymentConfiguration}
 * changes only the members it names. A different {@code capacityProviderStrategy} starts a new
 * deployment, so that the tasks move to the new providers; an empty one removes it.
 */
public record UpdateService(
        Integer desiredCount,
        String taskDefinition,
        Boolean forceNewDeployment,
        List<PlacementConstraint> placementConstraints,
        List<PlacementStrategy> placementStrategy,
        DeploymentConfiguration deploymentConfiguration,
        Long healthCheckGracePeriodSeconds,
        List<CapacityProviderStrategyItem> capacityProviderStrategy) {

    /** An update that leaves the capacity provider strategy as it is. */
    public UpdateService(Integer desiredCount, String taskDefinition, Boolean forceNewDeployment,
                         List<PlacementConstraint> placementConstraints, List<PlacementStrategy> placementStrategy,
                         DeploymentConfiguration deploymentConfiguration, Long healthCheckGracePeriodSeconds) {
        this(desiredCount, taskDefinition, forceNewDeployment, placementConstraints, placementStrategy,
                deploymentConfiguration, healthCheckGracePeriodSeconds, null);
    }
}
