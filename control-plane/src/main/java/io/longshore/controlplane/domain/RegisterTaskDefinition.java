package io.longshore.controlplane.domain;

import io.longshore.common.messaging.TaskRequest.PlacementConstraint;
import io.longshore.common.model.ContainerDefinition;
import java.util.List;

/**
 * ECS's RegisterTaskDefinition request. Task-level {@code cpu} and {@code memory} are strings, as in
 * ECS ({@code "256"}, {@code "1 vCPU"}, {@code "2 GB"}); numbers are accepted too.
 * {@code placementConstraints} are ECS's task definition constraints: {@code memberOf} only.
 */
public record RegisterTaskDefinition(
        String family,
        List<ContainerDefinition> containerDefinitions,
        String cpu,
        String memory,
        String networkMode,
        List<PlacementConstraint> placementConstraints) {

    /** A definition without placement constraints. */
    public RegisterTaskDefinition(String family, List<ContainerDefinition> containerDefinitions, String cpu,
                                  String memory, String networkMode) {
        this(family, containerDefinitions, cpu, memory, networkMode, null);
    }
}
