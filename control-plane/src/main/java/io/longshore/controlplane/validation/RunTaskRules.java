package io.longshore.controlplane.validation;

import io.longshore.common.messaging.TaskRequest.PlacementConstraint;
import io.longshore.common.messaging.TaskRequest.PlacementStrategy;
import io.longshore.common.model.ContainerDefinition;
import io.longshore.common.query.ClusterQuery;
import io.longshore.common.query.QuerySyntaxException;
import io.longshore.controlplane.domain.ContainerOverride;
import io.longshore.controlplane.domain.RunTask;
import io.longshore.controlplane.domain.TaskDefinition;
import io.longshore.controlplane.domain.TaskDefinitionReference;
import io.longshore.controlplane.domain.TaskOverride;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** RunTask's rules, with ECS's limits. Pure. */
public final class RunTaskRules {
    public static final int MAX_COUNT = 10;
    public static final int MAX_CONSTRAINTS = 10;
    public static final int MAX_STRATEGIES = 5;
    public static final int MAX_EXPRESSION_LENGTH = 2000;

    private RunTaskRules() {
    }

    /** The rules that need nothing but the request. */
    public static ValidRunTask validate(RunTask request) {
        Violations v = new Violations();
        if (request == null) {
            v.add("taskDefinition", "is required");
            v.throwIfAny(InvalidRequestException.INVALID_PARAMETER);
        }
        Optional<TaskDefinitionReference> reference = Optional.empty();
        if (Violations.isBlank(request.taskDefinition())) {
            v.add("taskDefinition", "is required");
        } else {
            reference = TaskDefinitionReference.parse(request.taskDefinition());
            if (reference.isEmpty()) {
                v.add("taskDefinition", "must be a family, family:revision or a task definition ARN");
            }
        }
        int count = request.count() == null ? 1 : request.count();
        if (count < 1 || count > MAX_COUNT) {
            v.add("count", "must be between 1 and " + MAX_COUNT);
        }
        if (request.startedBy() != null && (request.startedBy().isEmpty() || request.startedBy().length() > 128)) {
            v.add("startedBy", "must be 1 to 128 characters");
        }
        if (request.group() != null && (request.group().isBlank() || request.group().length() > 255)) {
            v.add("group", "must be 1 to 255 characters");
        }
        overrides(v, request.overrides());
        List<PlacementConstraint> constraints = request.placementConstraints() == null
                ? List.of() : request.placementConstraints();
        constraints(v, constraints, true);
        List<PlacementStrategy> strategies = request.placementStrategy() == null
                ? List.of() : request.placementStrategy();
        strategies(v, strategies);
        var providerStrategy = CapacityProviderRules.strategyOrLaunchType(v, request.capacityProviderStrategy(),
                request.launchType());
        v.throwIfAny(InvalidRequestException.INVALID_PARAMETER);
        return new ValidRunTask(reference.orElseThrow(), count,
                request.overrides() == null ? new TaskOverride(List.of()) : request.overrides(),
                request.startedBy(), request.group(), List.copyOf(constraints), List.copyOf(strategies),
                providerStrategy, request.launchType());
    }

    /**
     * The rules that need the resolved task definition: overrides must name its containers, and its
     * placement constraints and the request's, which both apply, are at most {@link #MAX_CONSTRAINTS}.
     */
    public static void checkAgainst(ValidRunTask request, TaskDefinition definition) {
        Violations v = new Violations();
        Set<String> names = definition.containerDefinitions().stream().map(ContainerDefinition::name)
                .collect(Collectors.toSet());
        List<ContainerOverride> overrides = request.overrides().containerOverridesOrEmpty();
        for (int i = 0; i < overrides.size(); i++) {
            String name = overrides.get(i).name();
            if (!names.contains(name)) {
                v.add("overrides.containerOverrides[" + i + "].name",
                        "no container named " + name + " in task definition " + definition.familyRevision());
            }
        }
        constraintTotal(v, definition, request.placementConstraints());
        v.throwIfAny(InvalidRequestException.INVALID_PARAMETER);
    }

    /** A request's constraints and its task definition's, which both apply, are at most {@link #MAX_CONSTRAINTS}. */
    static void constraintTotal(Violations v, TaskDefinition definition, List<PlacementConstraint> fromRequest) {
        int fromDefinition = definition.placementConstraints().size();
        if (fromDefinition + (fromRequest == null ? 0 : fromRequest.size()) > MAX_CONSTRAINTS) {
            v.add("placementConstraints", "at most " + MAX_CONSTRAINTS
                    + " constraints in total with the task definition's (" + fromDefinition + ")");
        }
    }

    /** The constraints the tasks are placed under: the definition's, then the request's; all of them apply. */
    public static List<PlacementConstraint> placementConstraints(ValidRunTask request, TaskDefinition definition) {
        return definition.constraintsWith(request.placementConstraints());
    }

    private static void overrides(Violations v, TaskOverride overrides) {
        if (overrides == null || overrides.containerOverrides() == null) {
            return;
        }
        List<ContainerOverride> list = overrides.containerOverrides();
        Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String p = "overrides.containerOverrides[" + i + "]";
            ContainerOverride o = list.get(i);
            if (o == null) {
                v.add(p, "is required");
                continue;
            }
            if (Violations.isBlank(o.name())) {
                v.add(p + ".name", "is required");
            } else if (!seen.add(o.name())) {
                v.add(p + ".name", "overrides container " + o.name() + " more than once");
            }
            if (o.cpu() != null && o.cpu() < 0) {
                v.add(p + ".cpu", "must be at least 0");
            }
            if (o.memory() != null && o.memory() < TaskDefinitionRules.MIN_MEMORY_MIB) {
                v.add(p + ".memory", "must be at least " + TaskDefinitionRules.MIN_MEMORY_MIB + " MiB");
            }
            if (o.command() != null && o.command().contains(null)) {
                v.add(p + ".command", "must not contain null");
            }
            TaskDefinitionRules.environment(v, p + ".environment", o.environment());
        }
    }

    /**
     * Placement constraints of a RunTask (distinctInstance or memberOf) or, with
     * {@code distinctInstanceAllowed} false, of a task definition (memberOf only, as ECS).
     */
    static void constraints(Violations v, List<PlacementConstraint> constraints, boolean distinctInstanceAllowed) {
        if (constraints.size() > MAX_CONSTRAINTS) {
            v.add("placementConstraints", "at most " + MAX_CONSTRAINTS + " constraints are allowed");
            return;
        }
        for (int i = 0; i < constraints.size(); i++) {
            String p = "placementConstraints[" + i + "]";
            PlacementConstraint c = constraints.get(i);
            if (c == null) {
                v.add(p, "is required");
            } else if (Violations.isBlank(c.type())) {
                v.add(p + ".type", "is required");
            } else if (c.type().equals("memberOf")) {
                memberOfExpression(v, p + ".expression", c.expression());
            } else if (!distinctInstanceAllowed) {
                v.add(p + ".type", "must be memberOf in a task definition");
            } else if (!c.type().equals("distinctInstance")) {
                v.add(p + ".type", "must be distinctInstance or memberOf");
            }
        }
    }

    /** A memberOf expression: required, bounded, and a cluster query that parses (else the position). */
    static void memberOfExpression(Violations v, String field, String expression) {
        if (Violations.isBlank(expression)) {
            v.add(field, "is required for memberOf");
        } else if (expression.length() > MAX_EXPRESSION_LENGTH) {
            v.add(field, "must be at most " + MAX_EXPRESSION_LENGTH + " characters");
        } else {
            try {
                ClusterQuery.parse(expression);
            } catch (QuerySyntaxException e) {
                v.add(field, e.getMessage());
            }
        }
    }

    static void strategies(Violations v, List<PlacementStrategy> strategies) {
        if (strategies.size() > MAX_STRATEGIES) {
            v.add("placementStrategy", "at most " + MAX_STRATEGIES + " strategies are allowed");
            return;
        }
        for (int i = 0; i < strategies.size(); i++) {
            String p = "placementStrategy[" + i + "]";
            PlacementStrategy s = strategies.get(i);
            if (s == null) {
                v.add(p, "is required");
            } else if (Violations.isBlank(s.type())) {
                v.add(p + ".type", "is required");
            } else {
                switch (s.type()) {
                    case "binpack" -> {
                        if (!"cpu".equals(s.field()) && !"memory".equals(s.field())) {
                            v.add(p + ".field", "must be cpu or memory for binpack");
                        }
                    }
                    case "spread" -> {
                        if (Violations.isBlank(s.field())) {
                            v.add(p + ".field", "is required for spread (e.g. instanceId or attribute:ecs.availability-zone)");
                        }
                    }
                    case "random" -> {
                    }
                    default -> v.add(p + ".type", "must be binpack, spread or random");
                }
            }
        }
    }
}
