package io.longshore.controlplane.domain;

import io.longshore.common.messaging.ServiceSpec;
import io.longshore.common.messaging.ServiceStatus;
import io.longshore.common.messaging.ServiceStatus.Deployment;
import io.longshore.common.messaging.TaskRequest.PlacementConstraint;
import io.longshore.common.messaging.TaskRequest.PlacementStrategy;
import io.longshore.common.model.CapacityProviderStrategyItem;
import io.longshore.common.model.DeploymentConfiguration;
import io.longshore.common.model.DeploymentConfiguration.DeploymentCircuitBreaker;
import io.longshore.common.model.RegistryCredential;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An ECS service as the control plane records it: what the user asked for (the spec it publishes)
 * and what the scheduler last reported (deployments and counts). Immutable; every change is a
 * method that returns the changed service, so the rules are plain functions.
 *
 * @param desiredCount        REPLICA: what the user asked for; DAEMON: what the scheduler last reported
 * @param deploymentId        the deployment the spec asks for; a new one on a new task definition or a
 *                            forced deployment
 * @param deploymentCreatedAt when {@code deploymentId} was issued
 * @param deployments         from the scheduler's last {@link ServiceStatus}; null before the first one
 * @param statusDeploymentId  that status's {@code specDeploymentId}: the deployment the scheduler had acted on
 * @param statusUpdatedAt     that status's {@code updatedAt}
 * @param updatedAt           when the user last changed the service (the published spec's updatedAt)
 * @param capacityProviderStrategy the service's own or, when it named none, the cluster's default at creation;
 *                            empty: its tasks run on any instance
 */
public record Service(
        String cluster,
        String serviceName,
        String status,
        String schedulingStrategy,
        String taskDefinitionArn,
        int desiredCount,
        int runningCount,
        int pendingCount,
        List<PlacementConstraint> placementConstraints,
        List<PlacementStrategy> placementStrategy,
        DeploymentConfiguration deploymentConfiguration,
        int healthCheckGracePeriodSeconds,
        String deploymentId,
        Instant deploymentCreatedAt,
        List<Deployment> deployments,
        String statusDeploymentId,
        Instant statusUpdatedAt,
        Instant createdAt,
        Instant updatedAt,
        List<CapacityProviderStrategyItem> capacityProviderStrategy) {
    public static final String ACTIVE = "ACTIVE";
    public static final String DRAINING = "DRAINING";
    public static final String INACTIVE = "INACTIVE";
    public static final String REPLICA = ServiceSpec.REPLICA;
    public static final String DAEMON = ServiceSpec.DAEMON;
    public static final String LAUNCH_TYPE = "EC2";

    public Service {
        placementConstraints = placementConstraints == null ? List.of() : List.copyOf(placementConstraints);
        placementStrategy = placementStrategy == null ? List.of() : List.copyOf(placementStrategy);
        deployments = deployments == null ? null : List.copyOf(deployments);
        capacityProviderStrategy = capacityProviderStrategy == null ? List.of() : List.copyOf(capacityProviderStrategy);
    }

    /** A service without a capacity provider strategy. */
    public Service(String cluster, String serviceName, String status, String schedulingStrategy,
                   String taskDefinitionArn, int desiredCount, int runningCount, int pendingCount,
                   List<PlacementConstraint> placementConstraints, List<PlacementStrategy> placementStrategy,
                   DeploymentConfiguration deploymentConfiguration, int healthCheckGracePeriodSeconds,
                   String deploymentId, Instant deploymentCreatedAt, List<Deployment> deployments,
                   String statusDeploymentId, Instant statusUpdatedAt, Instant createdAt, Instant updatedAt) {
        this(cluster, serviceName, status, schedulingStrategy, taskDefinitionArn, desiredCount, runningCount,
                pendingCount, placementConstraints, placementStrategy, deploymentConfiguration,
                healthCheckGracePeriodSeconds, deploymentId, deploymentCreatedAt, deployments, statusDeploymentId,
                statusUpdatedAt, createdAt, updatedAt, List.of());
    }

    /** A new service: ACTIVE, nothing running yet, its first deployment just asked for. */
    public static Service create(String cluster, String serviceName, String schedulingStrategy,
                                 String taskDefinitionArn, int desiredCount,
                                 List<PlacementConstraint> placementConstraints,
                                 List<PlacementStrategy> placementStrategy,
                                 DeploymentConfiguration deploymentConfiguration, int healthCheckGracePeriodSeconds,
                                 String deploymentId, Instant now) {
        return create(cluster, serviceName, schedulingStrategy, taskDefinitionArn, desiredCount, placementConstraints,
                placementStrategy, deploymentConfiguration, healthCheckGracePeriodSeconds, List.of(), deploymentId,
                now);
    }

    /** A new service whose tasks run on the capacity providers of {@code capacityProviderStrategy}. */
    public static Service create(String cluster, String serviceName, String schedulingStrategy,
                                 String taskDefinitionArn, int desiredCount,
                                 List<PlacementConstraint> placementConstraints,
                                 List<PlacementStrategy> placementStrategy,
                                 DeploymentConfiguration deploymentConfiguration, int healthCheckGracePeriodSeconds,
                                 List<CapacityProviderStrategyItem> capacityProviderStrategy,
                                 String deploymentId, Instant now) {
        return new Service(cluster, serviceName, ACTIVE, schedulingStrategy, taskDefinitionArn,
                DAEMON.equals(schedulingStrategy) ? 0 : desiredCount, 0, 0, placementConstraints, placementStrategy,
                deploymentConfiguration, healthCheckGracePeriodSeconds, deploymentId, now, null, null, null, now, now,
                capacityProviderStrategy);
    }

    /** ECS's defaults: REPLICA 100 / 200, DAEMON 0 / 100; the circuit breaker off. */
    public static DeploymentConfiguration defaultDeploymentConfiguration(String schedulingStrategy) {
        return DAEMON.equals(schedulingStrategy)
                ? new DeploymentConfiguration(0, 100, new DeploymentCircuitBreaker(false, false))
                : DeploymentConfiguration.defaults();
    }

    /** {@code base} with the members {@code requested} names replacing its own. */
    public static DeploymentConfiguration mergeDeploymentConfiguration(DeploymentConfiguration base,
                                                                       DeploymentConfiguration requested) {
        if (requested == null) {
            return base;
        }
        return new DeploymentConfiguration(
                requested.minimumHealthyPercent() != null ? requested.minimumHealthyPercent()
                        : base.minimumHealthyPercent(),
                requested.maximumPercent() != null ? requested.maximumPercent() : base.maximumPercent(),
                requested.deploymentCircuitBreaker() != null ? requested.deploymentCircuitBreaker()
                        : base.deploymentCircuitBreaker());
    }

    public String arn() {
        return ServiceArns.of(cluster, serviceName);
    }

    public boolean isActive() {
        return ACTIVE.equals(status);
    }

    public boolean isDaemon() {
        return DAEMON.equals(schedulingStrategy);
    }

    /**
     * UpdateService, with the request already checked: a null member leaves that part as it is.
     * A new deployment (the given id) starts when the task definition changes or one is forced;
     * otherwise the service keeps asking for the deployment it asked for.
     */
    public Service update(String newTaskDefinitionArn, Integer newDesiredCount, boolean forceNewDeployment,
                          List<PlacementConstraint> newPlacementConstraints,
                          List<PlacementStrategy> newPlacementStrategy,
                          DeploymentConfiguration newDeploymentConfiguration, Integer newGracePeriodSeconds,
                          String newDeploymentId, Instant now) {
        return update(newTaskDefinitionArn, newDesiredCount, forceNewDeployment, newPlacementConstraints,
                newPlacementStrategy, newDeploymentConfiguration, newGracePeriodSeconds, null, newDeploymentId, now);
    }

    /**
     * UpdateService with a capacity provider strategy (null: unchanged): a different one starts a new
     * deployment too, so that the tasks move to its providers.
     */
    public Service update(String newTaskDefinitionArn, Integer newDesiredCount, boolean forceNewDeployment,
                          List<PlacementConstraint> newPlacementConstraints,
                          List<PlacementStrategy> newPlacementStrategy,
                          DeploymentConfiguration newDeploymentConfiguration, Integer newGracePeriodSeconds,
                          List<CapacityProviderStrategyItem> newCapacityProviderStrategy,
                          String newDeploymentId, Instant now) {
        String definition = newTaskDefinitionArn != null ? newTaskDefinitionArn : taskDefinitionArn;
        List<CapacityProviderStrategyItem> providers = newCapacityProviderStrategy != null
                ? newCapacityProviderStrategy : capacityProviderStrategy;
        boolean newDeployment = forceNewDeployment || !definition.equals(taskDefinitionArn)
                || !providers.equals(capacityProviderStrategy);
        return new Service(cluster, serviceName, status, schedulingStrategy, definition,
                newDesiredCount != null && !isDaemon() ? newDesiredCount : desiredCount, runningCount, pendingCount,
                newPlacementConstraints != null ? newPlacementConstraints : placementConstraints,
                newPlacementStrategy != null ? newPlacementStrategy : placementStrategy,
                newDeploymentConfiguration != null ? newDeploymentConfiguration : deploymentConfiguration,
                newGracePeriodSeconds != null ? newGracePeriodSeconds : healthCheckGracePeriodSeconds,
                newDeployment ? newDeploymentId : deploymentId, newDeployment ? now : deploymentCreatedAt,
                deployments, statusDeploymentId, statusUpdatedAt, createdAt, now, providers);
    }

    /** DeleteService: DRAINING with nothing desired; the scheduler stops every task. */
    public Service drain(Instant now) {
        return new Service(cluster, serviceName, DRAINING, schedulingStrategy, taskDefinitionArn, 0, runningCount,
                pendingCount, placementConstraints, placementStrategy, deploymentConfiguration,
                healthCheckGracePeriodSeconds, deploymentId, deploymentCreatedAt, deployments, statusDeploymentId,
                statusUpdatedAt, createdAt, now, capacityProviderStrategy);
    }

    /**
     * The service after the scheduler's report, or empty when the report changes nothing: the service
     * is INACTIVE, the report is older than the one applied (a redelivery), or it predates the service
     * (a report on an earlier service of the same name). The task definition becomes the PRIMARY
     * deployment's, which a rollback changes; a DAEMON's desired count is the scheduler's; a DRAINING
     * service with nothing running or pending becomes INACTIVE.
     */
    public Optional<Service> withStatus(ServiceStatus report) {
        if (INACTIVE.equals(status)) {
            return Optional.empty();
        }
        Instant reported = report.updatedAt();
        if (reported != null && (reported.isBefore(createdAt)
                || statusUpdatedAt != null && reported.isBefore(statusUpdatedAt))) {
            return Optional.empty();
        }
        List<Deployment> reportedDeployments = report.deployments() == null ? List.of()
                : report.deployments().stream().map(Service::withoutCredentials).toList();
        String primaryDefinition = reportedDeployments.stream()
                .filter(d -> Deployment.PRIMARY.equals(d.status()) && d.taskDefinition() != null)
                .map(Deployment::taskDefinition)
                .findFirst().orElse(taskDefinitionArn);
        boolean drained = DRAINING.equals(status) && report.runningCount() == 0 && report.pendingCount() == 0;
        // A DRAINING service wants nothing, whatever a DAEMON's scheduler counts.
        int desired = isDaemon() && ACTIVE.equals(status) ? report.desiredCount() : desiredCount;
        Service next = new Service(cluster, serviceName, drained ? INACTIVE : status, schedulingStrategy,
                primaryDefinition, desired, report.runningCount(), report.pendingCount(), placementConstraints,
                placementStrategy, deploymentConfiguration, healthCheckGracePeriodSeconds, deploymentId,
                deploymentCreatedAt, reportedDeployments, report.specDeploymentId(),
                reported != null ? reported : statusUpdatedAt, createdAt, updatedAt, capacityProviderStrategy);
        return next.equals(this) ? Optional.empty() : Optional.of(next);
    }

    /**
     * The deployments to show, as ECS shows them: the scheduler's; but while it has not acted on the
     * deployment the service asks for (none reported yet, or a new task definition or forced
     * deployment it has not read), that one comes first as PRIMARY, IN_PROGRESS, nothing running, and
     * the reported ones follow as ACTIVE (being replaced). So a waiter for a steady service never sees
     * the old deployment alone right after an update.
     */
    public List<Deployment> deploymentsOrInitial() {
        if (deployments != null && (deploymentId.equals(statusDeploymentId)
                || deployments.stream().anyMatch(d -> deploymentId.equals(d.id())))) {
            return deployments;
        }
        List<Deployment> shown = new ArrayList<>();
        shown.add(new Deployment(deploymentId, Deployment.PRIMARY, taskDefinitionArn, null, null, desiredCount,
                0, 0, 0, Deployment.IN_PROGRESS, "ECS deployment " + deploymentId + " in progress.",
                deploymentCreatedAt, deploymentCreatedAt));
        if (deployments != null) {
            deployments.stream()
                    .filter(d -> !Deployment.INACTIVE.equals(d.status()))
                    .map(d -> Deployment.PRIMARY.equals(d.status()) ? new Deployment(d.id(), Deployment.ACTIVE,
                            d.taskDefinition(), d.taskTemplate(), d.placementConstraints(), d.desiredCount(),
                            d.pendingCount(), d.runningCount(), d.failedTasks(), d.rolloutState(),
                            d.rolloutStateReason(), d.createdAt(), d.updatedAt()) : d)
                    .forEach(shown::add);
        }
        return List.copyOf(shown);
    }

    /**
     * The spec to publish for this service, with the task template built from its task definition
     * (which must be the one {@link #taskDefinitionArn} names). Not for an INACTIVE service.
     */
    public ServiceSpec spec(TaskDefinition definition) {
        return spec(definition, List.of());
    }

    /**
     * The spec to publish, its task template carrying {@code registryCredentials} (the pull
     * credentials for the definition's images, which the scheduler passes on to each task).
     */
    public ServiceSpec spec(TaskDefinition definition, List<RegistryCredential> registryCredentials) {
        if (!Objects.equals(definition.arn(), taskDefinitionArn)) {
            throw new IllegalArgumentException("service " + serviceName + " runs " + taskDefinitionArn + ", not "
                    + definition.arn());
        }
        if (INACTIVE.equals(status)) {
            throw new IllegalStateException("service " + serviceName + " is INACTIVE; it has no spec to publish");
        }
        return new ServiceSpec(cluster, serviceName, arn(), status, schedulingStrategy,
                isDaemon() ? 0 : desiredCount, deploymentId,
                TaskSpecFactory.template(cluster, definition, ServiceSpec.group(serviceName))
                        .withRegistryCredentials(registryCredentials),
                definition.constraintsWith(placementConstraints), placementStrategy, deploymentConfiguration,
                healthCheckGracePeriodSeconds, updatedAt, capacityProviderStrategy);
    }

    /** A reported deployment without its template's pull credentials: they are not the store's to keep. */
    private static Deployment withoutCredentials(Deployment d) {
        if (d.taskTemplate() == null || d.taskTemplate().registryCredentials().isEmpty()) {
            return d;
        }
        return new Deployment(d.id(), d.status(), d.taskDefinition(),
                d.taskTemplate().withRegistryCredentials(List.of()), d.placementConstraints(), d.desiredCount(), d.pendingCount(), d.runningCount(), d.failedTasks(),
                d.rolloutState(), d.rolloutStateReason(), d.createdAt(), d.updatedAt());
    }
}
