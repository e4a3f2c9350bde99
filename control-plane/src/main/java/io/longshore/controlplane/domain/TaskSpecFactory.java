package io.longshore.controlplane.domain;

import io.longshore.common.model.Arns;
import io.longshore.common.model.ContainerDefinition;
import io.longshore.common.model.KeyValuePair;
import io.longshore.common.model.TaskSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a task definition and RunTask's overrides into the {@link TaskSpec} of one task: the
 * overrides are applied here, once, so the scheduler and the agent never see them.
 */
public final class TaskSpecFactory {
    private TaskSpecFactory() {
    }

    /** The group a task belongs to when RunTask names none, as in ECS. */
    public static String defaultGroup(String family) {
        return "family:" + family;
    }

    public static TaskSpec build(String cluster, String taskId, TaskDefinition definition, TaskOverride overrides,
                                 String startedBy, String group) {
        Map<String, ContainerOverride> byName = new LinkedHashMap<>();
        if (overrides != null) {
            overrides.containerOverridesOrEmpty().forEach(o -> byName.put(o.name(), o));
        }
        List<ContainerDefinition> containers = definition.containerDefinitions().stream()
                .map(c -> apply(c, byName.get(c.name())))
                .toList();
        return new TaskSpec(cluster, taskId, Arns.task(cluster, taskId), definition.arn(), definition.family(),
                group == null || group.isBlank() ? defaultGroup(definition.family()) : group,
                startedBy, definition.networkMode(), definition.cpu(), definition.memory(), containers);
    }

    /**
     * The tasks a service runs, before the scheduler names each one: the definition's containers,
     * no taskId, taskArn or startedBy, and the service's group.
     */
    public static TaskSpec template(String cluster, TaskDefinition definition, String group) {
        return new TaskSpec(cluster, null, null, definition.arn(), definition.family(), group, null,
                definition.networkMode(), definition.cpu(), definition.memory(), definition.containerDefinitions());
    }

    static ContainerDefinition apply(ContainerDefinition c, ContainerOverride o) {
        if (o == null) {
            return c;
        }
        return new ContainerDefinition(
                c.name(),
                c.image(),
                o.cpu() != null ? o.cpu() : c.cpu(),
                o.memory() != null ? o.memory() : c.memory(),
                c.memoryReservation(),
                c.portMappings(),
                c.essential(),
                mergeEnvironment(c.environment(), o.environment()),
                o.command() != null ? List.copyOf(o.command()) : c.command(),
                c.entryPoint(),
                c.workingDirectory(),
                c.stopTimeout(),
                c.dockerLabels(),
                c.healthCheck(),
                c.imagePullPolicy());
    }

    /** The definition's variables with the override's replacing those of the same name; new ones appended. */
    static List<KeyValuePair> mergeEnvironment(List<KeyValuePair> base, List<KeyValuePair> override) {
        if (override == null || override.isEmpty()) {
            return base;
        }
        Map<String, String> merged = new LinkedHashMap<>();
        if (base != null) {
            base.forEach(kv -> merged.put(kv.name(), kv.value()));
        }
        override.forEach(kv -> merged.put(kv.name(), kv.value()));
        List<KeyValuePair> result = new ArrayList<>();
        merged.forEach((k, v) -> result.add(new KeyValuePair(k, v)));
        return List.copyOf(result);
    }
}
