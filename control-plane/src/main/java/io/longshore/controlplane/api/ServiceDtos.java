package io.longshore.controlplane.api;

import io.longshore.common.messaging.ServiceStatus.Deployment;
import io.longshore.common.messaging.TaskRequest.PlacementConstraint;
import io.longshore.common.messaging.TaskRequest.PlacementStrategy;
import io.longshore.common.model.Arns;
import io.longshore.common.model.CapacityProviderStrategyItem;
import io.longshore.common.model.DeploymentConfiguration;
import io.longshore.controlplane.domain.Service;
import io.longshore.controlplane.service.ServiceSummary;
import io.longshore.controlplane.store.ServiceEventEntity;
import java.time.Instant;
import java.util.List;

/**
 * Service response shapes, with ECS's member names (the requests are
 * {@link io.longshore.controlplane.domain.CreateService} and {@link io.longshore.controlplane.domain.UpdateService}).
 */
public final class ServiceDtos {
    private ServiceDtos() {
    }

    public record ServiceView(String serviceArn, String serviceName, String clusterArn, String taskDefinition,
                              int desiredCount, int runningCount, int pendingCount, String status,
                              String schedulingStrategy, String launchType,
                              List<PlacementConstraint> placementConstraints,
                              List<PlacementStrategy> placementStrategy,
                              DeploymentConfiguration deploymentConfiguration, int healthCheckGracePeriodSeconds,
                              List<DeploymentView> deployments, List<EventView> events, Instant createdAt,
                              List<CapacityProviderStrategyItem> capacityProviderStrategy) {
        /** As ECS: a service on capacity providers shows its strategy and no launch type. */
        static ServiceView of(ServiceSummary summary) {
            Service s = summary.service();
            boolean onProviders = !s.capacityProviderStrategy().isEmpty();
            return new ServiceView(s.arn(), s.serviceName(), Arns.cluster(s.cluster()), s.taskDefinitionArn(),
                    s.desiredCount(), s.runningCount(), s.pendingCount(), s.status(), s.schedulingStrategy(),
                    onProviders ? null : Service.LAUNCH_TYPE, s.placementConstraints(), s.placementStrategy(),
                    s.deploymentConfiguration(), s.healthCheckGracePeriodSeconds(),
                    s.deploymentsOrInitial().stream().map(DeploymentView::of).toList(),
                    summary.events().stream().map(EventView::of).toList(), s.createdAt(),
                    onProviders ? s.capacityProviderStrategy() : null);
        }
    }

    /** One of a service's deployments, as the scheduler last reported it. */
    public record DeploymentView(String id, String status, String taskDefinition, int desiredCount, int pendingCount,
                                 int runningCount, int failedTasks, String rolloutState, String rolloutStateReason,
                                 Instant createdAt, Instant updatedAt) {
        static DeploymentView of(Deployment d) {
            return new DeploymentView(d.id(), d.status(), d.taskDefinition(), d.desiredCount(), d.pendingCount(),
                    d.runningCount(), d.failedTasks(), d.rolloutState(), d.rolloutStateReason(), d.createdAt(),
                    d.updatedAt());
        }
    }

    public record EventView(String id, Instant createdAt, String message) {
        static EventView of(ServiceEventEntity e) {
            return new EventView(e.id, e.createdAt, e.message);
        }
    }

    public record ServiceResponse(ServiceView service) {
        static ServiceResponse of(ServiceSummary summary) {
            return new ServiceResponse(ServiceView.of(summary));
        }
    }

    public record ServiceArnsResponse(List<String> serviceArns) {
    }
}
