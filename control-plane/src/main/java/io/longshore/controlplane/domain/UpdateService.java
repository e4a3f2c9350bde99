package io.longshore.controlplane.domain;

import io.longshore.common.messaging.TaskRequest.PlacementConstraint;
import io.longshore.common.messaging.TaskRequest.PlacementStrategy;
import io.longshore.common.model.DeploymentConfiguration;
import java.util.List;

/**
 * ECS's UpdateService request (cluster and service come from the path). Every member is optional;
 * an absent one leaves the service as it is. An empty {@code placementConstraints} or
 * {@code placementStrategy} removes them all, as in ECS; a partial {@code deploymentConfiguration}
 * changes only the members it names.
 */
public record UpdateService(
        Integer desiredCount,
        String taskDefinition,
        Boolean forceNewDeployment,
        List<PlacementConstraint> placementConstraints,
        List<PlacementStrategy> placementStrategy,
        DeploymentConfiguration deploymentConfiguration,
        Long healthCheckGracePeriodSeconds) {
}
