package io.longshore.common.messaging;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.longshore.common.messaging.TaskRequest.PlacementConstraint;
import io.longshore.common.messaging.TaskRequest.PlacementStrategy;
import io.longshore.common.model.CapacityProviderStrategyItem;
import io.longshore.common.model.DeploymentConfiguration;
import io.longshore.common.model.TaskSpec;
import java.time.Instant;
import java.util.List;

/**
 * What a service should be, as the control plane last recorded it, on the compacted
 * {@link Topics#SERVICE_SPECS}, keyed {@code <cluster>/<serviceName>}. The scheduler that owns the
 * cluster reconciles the service's tasks toward it. Every change to the service publishes the
 * whole spec again.
 *
 * @param status               {@link #ACTIVE}, or {@link #DRAINING} once deleted: the scheduler stops every task
 * @param schedulingStrategy   {@link #REPLICA} or {@link #DAEMON} (one task per eligible instance; desiredCount unused)
 * @param deploymentId         the deployment this spec asks for; a new id (new task definition or
 *                             forceNewDeployment) starts a new deployment, the same id changes nothing
 * @param taskTemplate         the tasks to run: cluster, taskDefinitionArn, family, containers, cpu, memory and
 *                             network mode; taskId and taskArn null, group {@code service:<serviceName>}
 * @param placementConstraints the service's constraints and the task definition's, together
 * @param capacityProviderStrategy the service's capacity provider strategy (or the cluster's default); empty:
 *                             its tasks run on any instance
 */
public record ServiceSpec(
        int schemaVersion,
        String cluster,
        String serviceName,
        String serviceArn,
        String status,
        String schedulingStrategy,
        int desiredCount,
        String deploymentId,
        TaskSpec taskTemplate,
        List<PlacementConstraint> placementConstraints,
        List<PlacementStrategy> placementStrategy,
        DeploymentConfiguration deploymentConfiguration,
        int healthCheckGracePeriodSeconds,
        Instant updatedAt,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<CapacityProviderStrategyItem> capacityProviderStrategy) {
    public static final int SCHEMA_VERSION = 1;
    public static final String ACTIVE = "ACTIVE";
    public static final String DRAINING = "DRAINING";
    public static final String REPLICA = "REPLICA";
    public static final String DAEMON = "DAEMON";

    public ServiceSpec {
        capacityProviderStrategy = capacityProviderStrategy == null ? List.of() : List.copyOf(capacityProviderStrategy);
    }

    public ServiceSpec(String cluster, String serviceName, String serviceArn, String status,
                       String schedulingStrategy, int desiredCount, String deploymentId, TaskSpec taskTemplate,
                       List<PlacementConstraint> placementConstraints, List<PlacementStrategy> placementStrategy,
                       DeploymentConfiguration deploymentConfiguration, int healthCheckGracePeriodSeconds,
                       Instant updatedAt) {
        this(cluster, serviceName, serviceArn, status, schedulingStrategy, desiredCount, deploymentId, taskTemplate,
                placementConstraints, placementStrategy, deploymentConfiguration, healthCheckGracePeriodSeconds,
                updatedAt, List.of());
    }

    public ServiceSpec(String cluster, String serviceName, String serviceArn, String status,
                       String schedulingStrategy, int desiredCount, String deploymentId, TaskSpec taskTemplate,
                       List<PlacementConstraint> placementConstraints, List<PlacementStrategy> placementStrategy,
                       DeploymentConfiguration deploymentConfiguration, int healthCheckGracePeriodSeconds,
                       Instant updatedAt, List<CapacityProviderStrategyItem> capacityProviderStrategy) {
        this(SCHEMA_VERSION, cluster, serviceName, serviceArn, status, schedulingStrategy, desiredCount, deploymentId,
                taskTemplate, placementConstraints, placementStrategy, deploymentConfiguration,
                healthCheckGracePeriodSeconds, updatedAt, capacityProviderStrategy);
    }

    /** The task group of the service's tasks, for spread, distinctInstance and task:group. */
    public static String group(String serviceName) {
        return "service:" + serviceName;
    }

    /** The startedBy of a deployment's tasks, as ECS sets it. */
    public static String startedBy(String deploymentId) {
        return "ecs-svc/" + deploymentId;
    }

    public String key() {
        return MessageKeys.of(cluster, serviceName);
    }
}
