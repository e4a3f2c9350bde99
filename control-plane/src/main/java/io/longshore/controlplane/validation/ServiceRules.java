package io.longshore.controlplane.validation;

import io.longshore.common.messaging.TaskRequest.PlacementConstraint;
import io.longshore.common.messaging.TaskRequest.PlacementStrategy;
import io.longshore.common.model.DeploymentConfiguration;
import io.longshore.controlplane.domain.CreateService;
import io.longshore.controlplane.domain.Service;
import io.longshore.controlplane.domain.TaskDefinition;
import io.longshore.controlplane.domain.TaskDefinitionReference;
import io.longshore.controlplane.domain.UpdateService;
import java.util.List;
import java.util.Optional;

/**
 * CreateService's, UpdateService's and DeleteService's rules, with ECS's limits. Placement
 * constraints and strategies follow RunTask's rules ({@link RunTaskRules}). Pure.
 */
public final class ServiceRules {
    public static final int MIN_HEALTHY_PERCENT_MAX = 100;
    public static final int MAXIMUM_PERCENT_MIN = 100;
    public static final int MAXIMUM_PERCENT_MAX = 200;

    private ServiceRules() {
    }

    /** The CreateService rules that need nothing but the request; ECS's defaults applied. */
    public static ValidCreateService validate(CreateService request) {
        Violations v = new Violations();
        if (request == null) {
            v.add("serviceName", "is required");
            v.throwIfAny(InvalidRequestException.INVALID_PARAMETER);
        }
        v.name("serviceName", request.serviceName());
        Optional<TaskDefinitionReference> reference = Optional.empty();
        if (Violations.isBlank(request.taskDefinition())) {
            v.add("taskDefinition", "is required");
        } else {
            reference = taskDefinition(v, request.taskDefinition());
        }
        String strategy = request.schedulingStrategy() == null ? Service.REPLICA : request.schedulingStrategy();
        boolean daemon = Service.DAEMON.equals(strategy);
        if (!daemon && !Service.REPLICA.equals(strategy)) {
            v.add("schedulingStrategy", "must be REPLICA or DAEMON");
        }
        if (daemon) {
            daemonDesiredCount(v, request.desiredCount());
        } else if (request.desiredCount() == null) {
            v.add("desiredCount", "is required for the REPLICA scheduling strategy");
        } else {
            desiredCount(v, request.desiredCount());
        }
        List<PlacementConstraint> constraints = orEmpty(request.placementConstraints());
        RunTaskRules.constraints(v, constraints, true);
        List<PlacementStrategy> strategies = orEmpty(request.placementStrategy());
        placementStrategy(v, strategies, daemon);
        DeploymentConfiguration configuration = deploymentConfiguration(v,
                Service.defaultDeploymentConfiguration(strategy), request.deploymentConfiguration());
        Integer grace = gracePeriod(v, request.healthCheckGracePeriodSeconds());
        var providerStrategy = CapacityProviderRules.strategyOrLaunchType(v, request.capacityProviderStrategy(),
                request.launchType());
        if (daemon && !providerStrategy.isEmpty()) {
            v.add("capacityProviderStrategy", "is not supported with the DAEMON scheduling strategy (its tasks run "
                    + "on every container instance)");
        }
        v.throwIfAny(InvalidRequestException.INVALID_PARAMETER);
        return new ValidCreateService(request.serviceName(), reference.orElseThrow(), strategy,
                daemon ? 0 : request.desiredCount(), List.copyOf(constraints), List.copyOf(strategies), configuration,
                grace == null ? 0 : grace, providerStrategy, request.launchType());
    }

    /** The UpdateService rules that need nothing but the request. */
    public static ValidServiceUpdate validate(UpdateService request) {
        Violations v = new Violations();
        if (request == null) {
            return new ValidServiceUpdate(null, null, false, null, null, null, null);
        }
        Optional<TaskDefinitionReference> reference = Optional.empty();
        if (request.taskDefinition() != null) {
            reference = taskDefinition(v, request.taskDefinition());
        }
        if (request.desiredCount() != null) {
            desiredCount(v, request.desiredCount());
        }
        if (request.placementConstraints() != null) {
            RunTaskRules.constraints(v, request.placementConstraints(), true);
        }
        if (request.placementStrategy() != null) {
            placementStrategy(v, request.placementStrategy(), false);
        }
        if (request.deploymentConfiguration() != null) {
            percentRanges(v, request.deploymentConfiguration());
        }
        Integer grace = gracePeriod(v, request.healthCheckGracePeriodSeconds());
        if (request.capacityProviderStrategy() != null) {
            CapacityProviderRules.strategy(v, "capacityProviderStrategy", request.capacityProviderStrategy());
        }
        v.throwIfAny(InvalidRequestException.INVALID_PARAMETER);
        return new ValidServiceUpdate(reference.orElse(null), request.desiredCount(),
                Boolean.TRUE.equals(request.forceNewDeployment()),
                request.placementConstraints() == null ? null : List.copyOf(request.placementConstraints()),
                request.placementStrategy() == null ? null : List.copyOf(request.placementStrategy()),
                request.deploymentConfiguration(), grace,
                request.capacityProviderStrategy() == null ? null : List.copyOf(request.capacityProviderStrategy()));
    }

    /**
     * The UpdateService rules that need the service: a DAEMON service takes neither a desired count
     * nor placement strategies. Returns the service's deployment configuration with the update's
     * members applied.
     */
    public static DeploymentConfiguration checkUpdate(Service service, ValidServiceUpdate update) {
        Violations v = new Violations();
        if (service.isDaemon()) {
            daemonDesiredCount(v, update.desiredCount());
            if (update.placementStrategy() != null) {
                placementStrategy(v, update.placementStrategy(), true);
            }
            if (update.capacityProviderStrategy() != null && !update.capacityProviderStrategy().isEmpty()) {
                v.add("capacityProviderStrategy", "is not supported with the DAEMON scheduling strategy");
            }
        }
        DeploymentConfiguration merged = deploymentConfiguration(v, service.deploymentConfiguration(),
                update.deploymentConfiguration());
        v.throwIfAny(InvalidRequestException.INVALID_PARAMETER);
        return merged;
    }

    /**
     * The rule that needs the service's task definition: its placement constraints and the service's,
     * which both apply, are at most {@link RunTaskRules#MAX_CONSTRAINTS}.
     */
    public static void checkAgainst(List<PlacementConstraint> serviceConstraints, TaskDefinition definition) {
        Violations v = new Violations();
        RunTaskRules.constraintTotal(v, definition, serviceConstraints);
        v.throwIfAny(InvalidRequestException.INVALID_PARAMETER);
    }

    /**
     * DeleteService: a REPLICA service must be scaled to 0 first, unless forced, as ECS does. A
     * DAEMON service has no count of its own to scale.
     */
    public static boolean mayDelete(Service service, boolean force) {
        return force || service.isDaemon() || service.desiredCount() == 0;
    }

    /** CreateService: a name may be taken again once its service is INACTIVE. */
    public static boolean mayCreateOver(Service existing) {
        return existing == null || Service.INACTIVE.equals(existing.status());
    }

    private static Optional<TaskDefinitionReference> taskDefinition(Violations v, String value) {
        Optional<TaskDefinitionReference> reference = TaskDefinitionReference.parse(value);
        if (reference.isEmpty()) {
            v.add("taskDefinition", "must be a family, family:revision or a task definition ARN");
        }
        return reference;
    }

    private static void desiredCount(Violations v, int desiredCount) {
        if (desiredCount < 0) {
            v.add("desiredCount", "must be at least 0");
        }
    }

    private static void daemonDesiredCount(Violations v, Integer desiredCount) {
        if (desiredCount != null) {
            v.add("desiredCount", "must be absent for the DAEMON scheduling strategy (one task runs on each "
                    + "container instance)");
        }
    }

    private static void placementStrategy(Violations v, List<PlacementStrategy> strategies, boolean daemon) {
        if (daemon && !strategies.isEmpty()) {
            v.add("placementStrategy", "is not supported with the DAEMON scheduling strategy");
        } else {
            RunTaskRules.strategies(v, strategies);
        }
    }

    /** Each percent in its range; then, merged over {@code base}, the maximum is not below the minimum. */
    private static DeploymentConfiguration deploymentConfiguration(Violations v, DeploymentConfiguration base,
                                                                   DeploymentConfiguration requested) {
        if (requested == null) {
            return base;
        }
        boolean inRange = percentRanges(v, requested);
        DeploymentConfiguration merged = Service.mergeDeploymentConfiguration(base, requested);
        if (inRange && merged.maximumPercentOrDefault() < merged.minimumHealthyPercentOrDefault()) {
            // Unreachable while the ranges meet at 100, kept so that the rule holds if they change.
            v.add("deploymentConfiguration.maximumPercent", "must be at least minimumHealthyPercent ("
                    + merged.minimumHealthyPercentOrDefault() + ")");
        }
        return merged;
    }

    private static boolean percentRanges(Violations v, DeploymentConfiguration requested) {
        boolean ok = true;
        Integer min = requested.minimumHealthyPercent();
        if (min != null && (min < 0 || min > MIN_HEALTHY_PERCENT_MAX)) {
            v.add("deploymentConfiguration.minimumHealthyPercent", "must be between 0 and " + MIN_HEALTHY_PERCENT_MAX);
            ok = false;
        }
        Integer max = requested.maximumPercent();
        if (max != null && (max < MAXIMUM_PERCENT_MIN || max > MAXIMUM_PERCENT_MAX)) {
            v.add("deploymentConfiguration.maximumPercent",
                    "must be between " + MAXIMUM_PERCENT_MIN + " and " + MAXIMUM_PERCENT_MAX);
            ok = false;
        }
        return ok;
    }

    private static Integer gracePeriod(Violations v, Long seconds) {
        if (seconds == null) {
            return null;
        }
        if (seconds < 0 || seconds > Integer.MAX_VALUE) {
            v.add("healthCheckGracePeriodSeconds", "must be between 0 and " + Integer.MAX_VALUE);
            return null;
        }
        return seconds.intValue();
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
