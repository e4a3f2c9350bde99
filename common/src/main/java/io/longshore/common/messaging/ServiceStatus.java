package io.longshore.common.messaging;

import io.longshore.common.messaging.TaskRequest.PlacementConstraint;
import io.longshore.common.model.TaskSpec;
import java.time.Instant;
import java.util.List;

/**
 * What a service is, as its scheduler last saw it, on the compacted {@link Topics#SERVICE_STATUS},
 * keyed {@code <cluster>/<serviceName>}. The scheduler publishes it when it changes and reads it
 * back after a restart or a change of owner (it holds the deployment history); the control plane
 * shows it in DescribeServices.
 *
 * @param specDeploymentId the {@link ServiceSpec#deploymentId()} last acted on, so that a spec read
 *                         again starts no second deployment
 * @param deployments      PRIMARY first, then the ACTIVE ones still being replaced (ECS drops INACTIVE ones)
 * @param lastCompleted    the newest deployment that reached COMPLETED, which a circuit breaker rolls back to
 * @param desiredCount     the service's desiredCount; for DAEMON, the number of eligible instances
 */
public record ServiceStatus(
        int schemaVersion,
        String cluster,
        String serviceName,
        String specDeploymentId,
        List<Deployment> deployments,
        Deployment lastCompleted,
        int desiredCount,
        int runningCount,
        int pendingCount,
        Instant updatedAt) {
    public static final int SCHEMA_VERSION = 1;

    public ServiceStatus(String cluster, String serviceName, String specDeploymentId, List<Deployment> deployments,
                         Deployment lastCompleted, int desiredCount, int runningCount, int pendingCount,
                         Instant updatedAt) {
        this(SCHEMA_VERSION, cluster, serviceName, specDeploymentId, deployments, lastCompleted, desiredCount,
                runningCount, pendingCount, updatedAt);
    }

    public String key() {
        return MessageKeys.of(cluster, serviceName);
    }

    /**
     * One deployment of a service, with ECS's member names.
     *
     * @param status       {@link #PRIMARY}, {@link #ACTIVE} or {@link #INACTIVE}
     * @param rolloutState {@link #IN_PROGRESS}, {@link #COMPLETED} or {@link #FAILED}
     * @param failedTasks  tasks of this deployment that stopped before RUNNING or failed health checks
     */
    public record Deployment(
            String id,
            String status,
            String taskDefinition,
            TaskSpec taskTemplate,
            List<PlacementConstraint> placementConstraints,
            int desiredCount,
            int pendingCount,
            int runningCount,
            int failedTasks,
            String rolloutState,
            String rolloutStateReason,
            Instant createdAt,
            Instant updatedAt) {
        public static final String PRIMARY = "PRIMARY";
        public static final String ACTIVE = "ACTIVE";
        public static final String INACTIVE = "INACTIVE";
        public static final String IN_PROGRESS = "IN_PROGRESS";
        public static final String COMPLETED = "COMPLETED";
        public static final String FAILED = "FAILED";

        public Deployment withStatus(String newStatus) {
            return new Deployment(id, newStatus, taskDefinition, taskTemplate, placementConstraints, desiredCount,
                    pendingCount, runningCount, failedTasks, rolloutState, rolloutStateReason, createdAt, updatedAt);
        }

        public Deployment withRollout(String newRolloutState, String reason) {
            return new Deployment(id, status, taskDefinition, taskTemplate, placementConstraints, desiredCount,
                    pendingCount, runningCount, failedTasks, newRolloutState, reason, createdAt, updatedAt);
        }

        public Deployment withTaskTemplate(TaskSpec template) {
            return new Deployment(id, status, taskDefinition, template, placementConstraints, desiredCount,
                    pendingCount, runningCount, failedTasks, rolloutState, rolloutStateReason, createdAt, updatedAt);
        }

        public Deployment withUpdatedAt(Instant at) {
            return new Deployment(id, status, taskDefinition, taskTemplate, placementConstraints, desiredCount,
                    pendingCount, runningCount, failedTasks, rolloutState, rolloutStateReason, createdAt, at);
        }
    }
}
