package io.longshore.controlplane.domain;

import io.longshore.common.messaging.TaskRequest.PlacementConstraint;
import io.longshore.common.model.ContainerDefinition;
import java.util.List;

/** A validated RegisterTaskDefinition with task-level units resolved; only the revision is missing. */
public record TaskDefinitionDraft(
        String family,
        List<ContainerDefinition> containerDefinitions,
        Integer cpu,
        Integer memory,
        String networkMode,
        List<PlacementConstraint> placementConstraints) {
}
