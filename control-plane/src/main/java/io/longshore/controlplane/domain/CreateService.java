package io.longshore.controlplane.domain;

import io.longshore.common.messaging.TaskRequest.PlacementConstraint;
import io.longshore.common.messaging.TaskRequest.PlacementStrategy;
import io.longshore.common.model.CapacityProviderStrategyItem;
import io.longshore.common.model.DeploymentConfiguration;
import java.util.List;

/**
 * ECS's CreateService request (the cluster comes from the path). {@code healthCheckGracePeriodSeconds}
 * is read as a long so that a value beyond ECS's range is refused by name rather than as bad JSON.
 * With neither a capacity provider strategy nor a launch type, the cluster's default strategy applies.
 */
public record CreateService(
        String serviceName,
        String taskDefinition,
        Integer desiredCount,
        String schedulingStrategy,
        List<PlacementConstraint> placementConstraints,
        List<PlacementStrategy> placementStrategy,
        DeploymentConfiguration deploymentConfiguration,
        Long healthCheckGracePeriodSeconds,
        List<CapacityProviderStrategyItem> capacityProviderStrategy,
        String launchType) {

    /** A request without a capacity provider strategy or launch type. */
    public CreateService(String serviceName, String taskDefinition, Integer desiredCount, String schedulingStrategy,
                         List<PlacementConstraint> placementConstraints, List<PlacementStrategy> placementStrategy,
                         DeploymentConfiguration deploymentConfiguration, Long healthCheckGracePeriodSeconds) {
        this(serviceName, taskDefinition, desiredCount, schedulingStrategy, placementConstraints, placementStrategy,
                deploymentConfiguration, healthCheckGracePeriodSeconds, null, null);
    }
}
